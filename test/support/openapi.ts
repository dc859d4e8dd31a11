import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Atlassian's Jira Cloud platform REST spec: the copy vendored in the repo, or wherever $JIRA_OPENAPI_SPEC says. */
export const JIRA_SPEC_PATH = resolve(
  __dirname,
  '../..',
  process.env.JIRA_OPENAPI_SPEC ?? 'vendor/jira-openapi/jira-platform-v3.json',
);
const SPEC_ID = 'jira-platform-v3';

interface Spec {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema?: unknown }> };
        responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
      }
    >
  >;
}

const ptr = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Validates Jira responses against the spec's response schema for their path template, method and status.
 * `check` takes a concrete request path (`/rest/api/3/issue/PAY-1?fields=x`) and finds its template.
 */
export function createJiraSpecValidator() {
  if (!existsSync(JIRA_SPEC_PATH))
    throw new Error(`Jira OpenAPI spec not found at ${JIRA_SPEC_PATH}; set JIRA_OPENAPI_SPEC`);
  const spec = JSON.parse(readFileSync(JIRA_SPEC_PATH, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(spec as object, SPEC_ID);
  const templates = Object.keys(spec.paths).map((t) => ({
    template: t,
    params: (t.match(/\{/g) ?? []).length,
    re: new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
  }));
  const compiled = new Map<string, ValidateFunction | null>();

  function templateOf(path: string): string | null {
    const bare = path.split('?')[0]!;
    const hits = templates.filter((t) => t.re.test(bare)).sort((a, b) => a.params - b.params);
    return hits[0]?.template ?? null;
  }

  return {
    templateOf,
    /** Null when a request body conforms to the operation's JSON request schema; otherwise what is wrong. */
    checkRequest(method: string, path: string, body: string): string | null {
      const template = templateOf(path);
      if (!template) return `no path in the spec matches ${path}`;
      const m = method.toLowerCase();
      const op = spec.paths[template]?.[m];
      if (!op) return `the spec has no ${method} ${template}`;
      if (op.requestBody?.content?.['application/json']?.schema === undefined)
        return `the spec gives ${method} ${template} no JSON request body`;
      const key = `${m} ${template} request`;
      if (!compiled.has(key))
        compiled.set(
          key,
          ajv.compile({
            $ref: `${SPEC_ID}#/paths/${ptr(template)}/${m}/requestBody/content/${ptr('application/json')}/schema`,
          }),
        );
      const validate = compiled.get(key)!;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return `${method} ${template}: request body is not JSON`;
      }
      return validate(json) ? null : `${method} ${template} request: ${ajv.errorsText(validate.errors)}`;
    },
    /** Null when the body conforms (or the spec gives that status no JSON body); otherwise what is wrong. */
    check(method: string, path: string, status: number, body: string): string | null {
      const template = templateOf(path);
      if (!template) return `no path in the spec matches ${path}`;
      const m = method.toLowerCase();
      const op = spec.paths[template]?.[m];
      if (!op) return `the spec has no ${method} ${template}`;
      const response = op.responses?.[String(status)] ?? op.responses?.default;
      if (!response) return `the spec has no ${status} response for ${method} ${template}`;
      const key = `${m} ${template} ${status}`;
      if (!compiled.has(key)) {
        const schema = response.content?.['application/json']?.schema;
        const statusKey = op.responses?.[String(status)] ? String(status) : 'default';
        compiled.set(
          key,
          schema === undefined
            ? null
            : ajv.compile({
                $ref: `${SPEC_ID}#/paths/${ptr(template)}/${m}/responses/${statusKey}/content/${ptr('application/json')}/schema`,
              }),
        );
      }
      const validate = compiled.get(key);
      if (!validate) return null;
      let json: unknown;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        return `${method} ${template} ${status}: body is not JSON`;
      }
      return validate(json) ? null : `${method} ${template} ${status}: ${ajv.errorsText(validate.errors)}`;
    },
  };
}
