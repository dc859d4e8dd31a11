import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { asApp, asUser } from '../../sandbox/jira/test-support';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import {
  SPEC_PATH,
  SPEC_ID,
  ajv,
  h,
  wangLei,
  validatorFor,
  expectConforms,
  setUpConformance,
} from './jira-conformance-setup';

/**
 * Every endpoint the sandbox serves answers bodies that validate against Atlassian's published Jira Cloud
 * platform REST spec, for the path, method and status of the call ($refs resolved inside the spec).
 */
describe.skipIf(!existsSync(SPEC_PATH))(
  'Jira sandbox responses conform to the Jira Cloud platform REST v3 spec',
  () => {
    beforeAll(setUpConformance);

    it('the validator is live: a malformed body fails', () => {
      const validate = validatorFor('/rest/api/3/search/jql', 'POST', 200);
      expect(validate?.({ issues: 'not a list', isLast: 'no' })).toBe(false);
      const user = validatorFor('/rest/api/3/myself', 'GET', 200);
      expect(user?.({ accountId: 'x', unexpected: true })).toBe(false);
    });

    it('users, groups and fields', async () => {
      await expectConforms('/rest/api/3/myself', 'GET', '/rest/api/3/myself', 200);
      await expectConforms('/rest/api/3/myself', 'GET', '/rest/api/3/myself?expand=groups,applicationRoles', 200, {
        actor: wangLei,
      });
      const fields = (await expectConforms('/rest/api/3/field', 'GET', '/rest/api/3/field', 200)) as unknown[];
      expect(fields.length).toBeGreaterThan(10);
      await expectConforms(
        '/rest/api/3/user',
        'GET',
        `/rest/api/3/user?accountId=${encodeURIComponent(SEED_USERS.liNa.accountId)}&expand=groups`,
        200,
      );
      await expectConforms(
        '/rest/api/3/user/bulk',
        'GET',
        `/rest/api/3/user/bulk?maxResults=1&accountId=${encodeURIComponent(SEED_USERS.liNa.accountId)}&accountId=${encodeURIComponent(SEED_USERS.wangLei.accountId)}`,
        200,
      );
      await expectConforms(
        '/rest/api/3/user/search',
        'GET',
        `/rest/api/3/user/search?query=${encodeURIComponent('王')}`,
        200,
      );
      await expectConforms('/rest/api/3/user/picker', 'GET', '/rest/api/3/user/picker?query=li', 200);
      await expectConforms(
        '/rest/api/3/group/member',
        'GET',
        '/rest/api/3/group/member?groupname=dept-rnd&maxResults=2',
        200,
      );
    });

    it('projects, versions and permissions', async () => {
      await expectConforms(
        '/rest/api/3/project/search',
        'GET',
        '/rest/api/3/project/search?maxResults=1&expand=lead,description,issueTypes',
        200,
        { actor: wangLei },
      );
      await expectConforms('/rest/api/3/project/{projectIdOrKey}', 'GET', '/rest/api/3/project/AICS', 200);
      await expectConforms(
        '/rest/api/3/project/{projectIdOrKey}/versions',
        'GET',
        '/rest/api/3/project/PAY/versions',
        200,
      );
      await expectConforms(
        '/rest/api/3/project/{projectIdOrKey}/statuses',
        'GET',
        '/rest/api/3/project/PAY/statuses',
        200,
      );
      await expectConforms(
        '/rest/api/3/mypermissions',
        'GET',
        '/rest/api/3/mypermissions?projectKey=PAY&permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER',
        200,
        { actor: wangLei },
      );
      await expectConforms(
        '/rest/api/3/mypermissions',
        'GET',
        '/rest/api/3/mypermissions?issueKey=AICS-2&permissions=EDIT_ISSUES',
        200,
        { actor: wangLei },
      );
      await expectConforms('/rest/api/3/mypermissions', 'GET', '/rest/api/3/mypermissions?projectKey=PAY', 400, {
        actor: wangLei,
      });
      await expectConforms(
        '/rest/api/3/mypermissions',
        'GET',
        '/rest/api/3/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS',
        404,
        { actor: wangLei },
      );
    });

    it('issues: get, create, edit, delete, transitions', async () => {
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}',
        'GET',
        '/rest/api/3/issue/AICS-7?expand=names,schema,transitions,changelog',
        200,
      );
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}',
        'GET',
        '/rest/api/3/issue/PAY-7?fields=*all,-comment&properties=x',
        200,
        { actor: wangLei },
      );
      // The issue panel's one call: the issue with the RACI fields and the user's edit rights.
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}',
        'GET',
        '/rest/api/3/issue/PAY-7?fields=summary,status,customfield_10100,customfield_10101&expand=editmeta',
        200,
      );
      await expectConforms('/rest/api/3/issue/{issueIdOrKey}', 'GET', '/rest/api/3/issue/PAY-7?expand=editmeta', 200, {
        actor: wangLei,
      });
      const created = (await expectConforms('/rest/api/3/issue', 'POST', '/rest/api/3/issue', 201, {
        body: { fields: { project: { key: 'AICS' }, issuetype: { name: 'Task' }, summary: '一致性测试 conformance' } },
      })) as { key: string };
      await expectConforms('/rest/api/3/issue', 'POST', '/rest/api/3/issue', 400, {
        body: { fields: { project: { key: 'AICS' } } },
      });
      await expectConforms('/rest/api/3/issue', 'POST', '/rest/api/3/issue', 403, {
        actor: wangLei,
        body: { fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'x' } },
      });
      await expectConforms('/rest/api/3/issue/{issueIdOrKey}', 'PUT', `/rest/api/3/issue/${created.key}`, 204, {
        body: { fields: { summary: '已修改 edited' } },
      });
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/transitions',
        'GET',
        `/rest/api/3/issue/${created.key}/transitions`,
        200,
      );
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/transitions',
        'POST',
        `/rest/api/3/issue/${created.key}/transitions`,
        204,
        { body: { transition: { id: '21' } } },
      );
      await expectConforms('/rest/api/3/issue/{issueIdOrKey}', 'DELETE', `/rest/api/3/issue/${created.key}`, 204);
    });

    it('search and bulk fetch', async () => {
      await expectConforms('/rest/api/3/search/jql', 'POST', '/rest/api/3/search/jql', 200, {
        body: { jql: 'project = PAY ORDER BY key', maxResults: 5, fields: ['*navigable'], expand: 'names,schema' },
      });
      await expectConforms('/rest/api/3/search/jql', 'POST', '/rest/api/3/search/jql', 200, {
        body: { jql: 'project = AICS' },
      });
      await expectConforms(
        '/rest/api/3/search/jql',
        'GET',
        `/rest/api/3/search/jql?jql=${encodeURIComponent('project = AICS ORDER BY duedate')}&fields=key,summary,status&maxResults=3`,
        200,
      );
      await expectConforms('/rest/api/3/issue/bulkfetch', 'POST', '/rest/api/3/issue/bulkfetch', 200, {
        actor: asUser(SEED_USERS.kevinXu.accountId),
        body: { issueIdsOrKeys: ['AICS-2', 'PAY-2', 'NOPE-1'], fields: ['summary', 'issuelinks', 'customfield_10100'] },
      });
    });

    it('links and link types', async () => {
      await expectConforms('/rest/api/3/issueLinkType', 'GET', '/rest/api/3/issueLinkType', 200);
      await expectConforms('/rest/api/3/issueLink', 'POST', '/rest/api/3/issueLink', 201, {
        body: { type: { name: 'Relates' }, inwardIssue: { key: 'AICS-3' }, outwardIssue: { key: 'PAY-5' } },
      });
      const issue = (await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-3?fields=issuelinks')).json as {
        fields: { issuelinks: Array<{ id: string }> };
      };
      const linkId = issue.fields.issuelinks[0]?.id ?? '';
      await expectConforms('/rest/api/3/issueLink/{linkId}', 'GET', `/rest/api/3/issueLink/${linkId}`, 200);
      await expectConforms('/rest/api/3/issueLink/{linkId}', 'DELETE', `/rest/api/3/issueLink/${linkId}`, 204);
    });

    it('issue field values (free-form in IssueBean) match the component schemas Jira uses for them', async () => {
      const component = (name: string, value: unknown, where: string): void => {
        const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
        if (!validate) throw new Error(`no component ${name}`);
        expect(validate(value), `${where} as ${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      };
      const ids = h.jira.appFieldIds();
      const check = (fields: Record<string, unknown>, where: string): void => {
        component('StatusDetails', fields.status, `${where}.status`);
        component('IssueTypeDetails', fields.issuetype, `${where}.issuetype`);
        component('ProjectDetails', fields.project, `${where}.project`);
        component('Priority', fields.priority, `${where}.priority`);
        for (const f of ['assignee', 'reporter', 'creator', ids['raci-accountable'] ?? '']) {
          if (fields[f]) component('UserDetails', fields[f], `${where}.${f}`);
        }
        for (const u of (fields[ids['raci-responsible'] ?? ''] as unknown[] | null) ?? [])
          component('UserDetails', u, `${where}.responsible`);
        for (const v of (fields.fixVersions as unknown[] | undefined) ?? [])
          component('Version', v, `${where}.fixVersions`);
        if (fields.resolution) component('Resolution', fields.resolution, `${where}.resolution`);
        if (fields.parent) component('LinkedIssue', fields.parent, `${where}.parent`);
        if (fields.comment) component('PageOfComments', fields.comment, `${where}.comment`);
        for (const l of (fields.issuelinks as Array<Record<string, unknown>> | undefined) ?? []) {
          component('IssueLinkType', l.type, `${where}.issuelinks.type`);
          component('LinkedIssue', l.inwardIssue ?? l.outwardIssue, `${where}.issuelinks.issue`);
        }
      };
      for (const key of ['AICS-7', 'AICS-4', 'PAY-13']) {
        const issue = (await h.call(asApp, 'GET', `/rest/api/3/issue/${key}`)).json as {
          fields: Record<string, unknown>;
        };
        check(issue.fields, key);
      }
      const before = h.events.length;
      await h.call(asApp, 'PUT', '/rest/api/3/issue/PAY-14', {
        fields: { summary: '支付回调超时 / Callback timeout' },
      });
      const event = h.events[before];
      expect(event?.eventType).toBe('avi:jira:updated:issue');
      expect(event).toBeDefined();
      check((event!.payload.issue as { fields: Record<string, unknown> }).fields, 'event');
      // Events spell an empty side as null (Forge docs: "or null when a field was empty"); the REST schema omits it.
      const changelog = event?.payload.changelog as { items: Array<Record<string, unknown>> };
      for (const item of changelog.items) {
        expect(Object.keys(item).sort()).toEqual([
          'field',
          'fieldId',
          'fieldtype',
          'from',
          'fromString',
          'to',
          'toString',
        ]);
        component(
          'ChangeDetails',
          Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)),
          'event.changelog',
        );
      }
      await expectConforms('/rest/api/3/issue/{issueIdOrKey}', 'GET', '/rest/api/3/issue/PAY-14?expand=changelog', 200);
    });

    it('notify, properties, comments, app field values', async () => {
      await expectConforms('/rest/api/3/issue/{issueIdOrKey}/notify', 'POST', '/rest/api/3/issue/AICS-8/notify', 204, {
        body: {
          subject: '升级提醒',
          textBody: 'Please respond',
          to: { assignee: true, users: [{ accountId: SEED_USERS.chenJing.accountId }] },
        },
      });
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
        'PUT',
        '/rest/api/3/issue/AICS-8/properties/collab',
        201,
        { body: { level: 1 } },
      );
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
        'PUT',
        '/rest/api/3/issue/AICS-8/properties/collab',
        200,
        { body: { level: 2 } },
      );
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
        'GET',
        '/rest/api/3/issue/AICS-8/properties/collab',
        200,
      );
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
        'DELETE',
        '/rest/api/3/issue/AICS-8/properties/collab',
        204,
      );
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/comment',
        'POST',
        '/rest/api/3/issue/AICS-8/comment',
        201,
        {
          actor: wangLei,
          body: {
            body: {
              type: 'doc',
              version: 1,
              content: [{ type: 'paragraph', content: [{ type: 'text', text: '已申请 GPU' }] }],
            },
          },
        },
      );
      await expectConforms(
        '/rest/api/3/issue/{issueIdOrKey}/comment',
        'GET',
        '/rest/api/3/issue/AICS-8/comment?maxResults=2',
        200,
      );
      const ids = h.jira.appFieldIds();
      await expectConforms(
        '/rest/api/3/app/field/{fieldIdOrKey}/value',
        'PUT',
        `/rest/api/3/app/field/${ids['raci-accountable'] ?? ''}/value`,
        204,
        {
          body: { updates: [{ issueIds: [10007], value: { accountId: SEED_USERS.wangLei.accountId } }] },
        },
      );
      await expectConforms(
        '/rest/api/3/app/field/value',
        'POST',
        '/rest/api/3/app/field/value?generateChangelog=true',
        204,
        {
          body: {
            updates: [
              {
                customField: ids['raci-accountable'] ?? '',
                issueIds: [10007],
                value: { accountId: SEED_USERS.liNa.accountId },
              },
              {
                customField: ids['raci-consulted'] ?? '',
                issueIds: [10007, 10008],
                value: [{ accountId: SEED_USERS.wangLei.accountId }],
              },
            ],
          },
        },
      );
    });
  },
);
