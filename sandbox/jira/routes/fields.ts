import { SYSTEM_FIELDS, appFieldSchema } from '../fields';
import { API, ok, type Handler, type Result } from '../handler';
import type { Router } from '../router';
import type { JiraSite } from '../site';

/**
 * Jira's own fields and the app's custom fields, as GET /field lists them.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 */
export function registerFieldRoutes(r: Router<Handler>, site: JiraSite): void {
  const fields = (): Result => {
    const system = SYSTEM_FIELDS.map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: false,
      orderable: f.orderable,
      navigable: f.navigable,
      searchable: f.searchable,
      clauseNames: f.clauseNames,
      ...(f.schema ? { schema: f.schema } : {}),
    }));
    const app = site.repo.appFields().map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [
        `cf[${f.id.replace('customfield_', '')}]`,
        f.name,
        `${f.name}[${f.type === 'user' ? 'User Picker' : f.type}]`,
      ],
      schema: appFieldSchema(f, site.opts.appId, site.opts.environmentId),
    }));
    return ok([...system, ...app]);
  };

  r.add('GET', `${API}/field`, fields);
}
