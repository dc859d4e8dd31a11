import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadAppFields } from '../../sandbox/jira/app-fields';
import {
  createJiraHarness,
  asApp,
  asUser,
  ESCALATION_APP_FIELDS,
  RACI_APP_FIELDS,
} from '../../sandbox/jira/test-support';
import type { JiraActor } from '../../sandbox/jira/types';
import {
  h,
  F,
  liNa,
  wangLei,
  yangFan,
  setUpHarness,
  post,
  idOf,
  fieldsOf,
  accountIds,
  histories,
  errorsOf,
} from './jira-app-field-values-setup';

/** App fields the manifest marks `readOnly: true`: only the app's field value endpoints write them. */
beforeEach(setUpHarness);

describe('read-only app fields (manifest `readOnly: true`): only the app sets them', () => {
  const cannotSet = (id: string): string =>
    `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
  const editable = async (key: string, actor: JiraActor): Promise<string[]> =>
    Object.keys(
      (
        (await h.call(actor, 'GET', `/rest/api/3/issue/${key}?fields=summary&expand=editmeta`)).json as {
          editmeta: { fields: object };
        }
      ).editmeta.fields,
    );

  it('the manifest marks the four escalation fields read-only and the RACI fields not', () => {
    const manifest = loadAppFields(fileURLToPath(new URL('../../manifest.yml', import.meta.url)));
    expect(manifest.filter((f) => f.readOnly === true).map((f) => f.moduleKey)).toEqual([
      'escalation-level',
      'escalation-state',
      'escalation-holders',
      'escalation-raisers',
    ]);
    expect(manifest.filter((f) => f.moduleKey.startsWith('raci-')).every((f) => f.readOnly === undefined)).toBe(true);
  });

  it('editmeta leaves them out and keeps the editable app fields', async () => {
    const fields = await editable('AICS-9', asUser(liNa));
    expect(fields).toContain(F.accountable);
    expect(fields).toContain('summary');
    for (const id of [F.level, F.state, F.holders, F.raisers]) expect(fields).not.toContain(id);
  });

  it('a user’s PUT /issue that sets one is refused with 400 naming each such field, and nothing of the request is written', async () => {
    const before = await fieldsOf('AICS-9');
    const res = await h.call(asUser(liNa), 'PUT', '/rest/api/3/issue/AICS-9', {
      fields: { summary: 'renamed', [F.accountable]: { accountId: yangFan }, [F.level]: 3, [F.state]: 'open' },
      update: { [F.holders]: [{ add: { accountId: liNa } }], [F.raisers]: [{ set: [{ accountId: liNa }] }] },
      properties: [{ key: 'written-anyway', value: 1 }],
    });
    expect(res.status, res.raw).toBe(400);
    expect(errorsOf(res)).toEqual({
      errorMessages: [],
      errors: {
        [F.level]: cannotSet(F.level),
        [F.state]: cannotSet(F.state),
        [F.holders]: cannotSet(F.holders),
        [F.raisers]: cannotSet(F.raisers),
      },
    });
    expect(await fieldsOf('AICS-9')).toEqual(before);
    expect((await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-9/properties/written-anyway')).status).toBe(404);
    expect((await histories('AICS-9')).total).toBe(0);
    expect(h.events).toHaveLength(0);

    // The same edit without the read-only field goes through: the refusal was about that field only.
    const ok = await h.call(asUser(liNa), 'PUT', '/rest/api/3/issue/AICS-9', { fields: { summary: 'renamed' } });
    expect(ok.status, ok.raw).toBe(204);
  });

  it('the issue edit is no way around it for the app either, nor are create and transition screens', async () => {
    const asAppEdit = await h.call(asApp, 'PUT', '/rest/api/3/issue/AICS-9', { fields: { [F.level]: 1 } });
    expect(asAppEdit.status).toBe(400);
    expect(errorsOf(asAppEdit).errors).toEqual({ [F.level]: cannotSet(F.level) });

    const count = async (): Promise<number> =>
      (
        (
          await h.call(asApp, 'POST', '/rest/api/3/search/jql', {
            jql: 'project = AICS',
            fields: ['key'],
            maxResults: 100,
          })
        ).json as { issues: unknown[] }
      ).issues.length;
    const issues = await count();
    const created = await h.call(asUser(liNa), 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AICS' },
        issuetype: { name: 'Task' },
        summary: 'New work',
        [F.raisers]: [{ accountId: liNa }],
      },
    });
    expect(created.status, created.raw).toBe(400);
    expect(errorsOf(created).errors).toEqual({ [F.raisers]: cannotSet(F.raisers) });
    expect(await count()).toBe(issues);

    const status = async (): Promise<unknown> => ((await fieldsOf('AICS-9')).status as { name: string }).name;
    const was = await status();
    const transitionId =
      (
        (await h.call(asUser(liNa), 'GET', '/rest/api/3/issue/AICS-9/transitions')).json as {
          transitions: Array<{ id: string }>;
        }
      ).transitions[0]?.id ?? '';
    const moved = await h.call(asUser(liNa), 'POST', '/rest/api/3/issue/AICS-9/transitions', {
      transition: { id: transitionId },
      fields: { [F.state]: 'breached' },
    });
    expect(moved.status, moved.raw).toBe(400);
    expect(errorsOf(moved).errors).toEqual({ [F.state]: cannotSet(F.state) });
    expect(await status()).toBe(was);
    expect(h.events).toHaveLength(0);
  });

  it('the app’s field value endpoints still write them, and users then read the values', async () => {
    const a = await idOf('AICS-9');
    expect(
      (
        await post({
          updates: [
            { customField: F.level, issueIds: [a], value: 2 },
            { customField: F.holders, issueIds: [a], value: [{ accountId: wangLei }] },
          ],
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await h.call(asApp, 'PUT', '/rest/api/3/app/field/escalation-state/value', {
          updates: [{ issueIds: [a], value: 'open' }],
        })
      ).status,
    ).toBe(204);
    const seen = (
      (await h.call(asUser(liNa), 'GET', `/rest/api/3/issue/AICS-9?fields=${F.level},${F.state},${F.holders}`))
        .json as { fields: Record<string, unknown> }
    ).fields;
    expect([seen[F.level], seen[F.state], accountIds(seen[F.holders])]).toEqual([2, 'open', [wangLei]]);
  });
});

describe('a data folder written before app fields recorded readOnly', () => {
  it('gets the column added in place and filled from the manifest, keeping the field ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jira-ro-'));
    try {
      const dbFile = join(dir, 'sandbox.db');
      const old = new Database(dbFile);
      old.exec(`CREATE TABLE jira_app_fields (
        id TEXT PRIMARY KEY, module_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT,
        type TEXT NOT NULL, collection TEXT NOT NULL, sequence INTEGER NOT NULL)`);
      old
        .prepare('INSERT INTO jira_app_fields VALUES (?, ?, ?, NULL, ?, ?, ?)')
        .run('customfield_10177', 'escalation-level', 'Escalation level', 'number', 'none', 0);
      old.close();

      const reopened = createJiraHarness({
        dbFile,
        seed: false,
        appFields: [...ESCALATION_APP_FIELDS, ...RACI_APP_FIELDS],
      });
      const rows = reopened.db
        .prepare('SELECT id, module_key, read_only FROM jira_app_fields ORDER BY sequence')
        .all() as Array<{ id: string; module_key: string; read_only: number }>;
      expect(rows.find((r) => r.module_key === 'escalation-level')).toEqual({
        id: 'customfield_10177',
        module_key: 'escalation-level',
        read_only: 1,
      });
      expect(rows.filter((r) => r.read_only === 1).map((r) => r.module_key)).toEqual(
        ESCALATION_APP_FIELDS.map((f) => f.moduleKey),
      );
      expect(rows.filter((r) => r.module_key.startsWith('raci-')).every((r) => r.read_only === 0)).toBe(true);
      reopened.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
