import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadAppFields } from '../../sandbox/jira/app-fields';
import { asApp, asUser, ESCALATION_APP_FIELDS } from '../../sandbox/jira/test-support';
import type { JiraActor } from '../../sandbox/jira/types';
import {
  h,
  F,
  U,
  liNa,
  wangLei,
  yangFan,
  kevinXu,
  setUpHarness,
  post,
  idOf,
  fieldsOf,
  accountIds,
  histories,
  errorsOf,
} from './jira-app-field-values-setup';

/**
 * "Update custom fields" (POST /app/field/value: several app fields on several issues in one request) and the
 * app's user-list fields "Escalation holders" / "Escalation raised by": issue reads, changelog, events, JQL.
 */
beforeEach(setUpHarness);

describe('the escalation fields of the test harness', () => {
  it('are the ones manifest.yml declares', () => {
    const manifest = loadAppFields(fileURLToPath(new URL('../../manifest.yml', import.meta.url)));
    const declared = manifest
      .filter((f) => f.moduleKey.startsWith('escalation-'))
      .map(({ description: _d, ...f }) => f);
    expect(declared).toEqual(ESCALATION_APP_FIELDS);
  });
});

describe('POST /app/field/value', () => {
  it('sets several fields on several issues in one request: one changelog entry and one event per issue, naming every field', async () => {
    const [a, b, c] = [await idOf('AICS-9'), await idOf('AICS-10'), await idOf('PAY-3')];
    h.jira.resetStats();
    const res = await post(
      {
        updates: [
          { customField: F.level, issueIds: [a, b], value: 2 },
          { customField: F.level, issueIds: [c], value: 1 },
          { customField: 'escalation-state', issueIds: [a, b, c], value: 'open' },
          { customField: F.holders, issueIds: [a, b], value: [{ accountId: liNa }, { accountId: yangFan }] },
          { customField: F.raisers, issueIds: [a, b, c], value: [{ accountId: wangLei }] },
        ],
      },
      { query: '?generateChangelog=true' },
    );
    expect(res.status, res.raw).toBe(204);
    expect(res.raw).toBe('');
    expect(h.jira.stats.byRoute).toEqual({ 'POST /rest/api/3/app/field/value': 1 });

    const fa = await fieldsOf('AICS-9');
    expect([fa[F.level], fa[F.state]]).toEqual([2, 'open']);
    // User-list app fields come back as user objects, like the RACI fields.
    expect(fa[F.holders]).toEqual([
      expect.objectContaining({
        accountId: liNa,
        displayName: U.liNa.displayName,
        active: true,
        avatarUrls: expect.any(Object),
      }),
      expect.objectContaining({ accountId: yangFan, displayName: U.yangFan.displayName }),
    ]);
    expect(accountIds(fa[F.raisers])).toEqual([wangLei]);
    const fc = await fieldsOf('PAY-3');
    expect([fc[F.level], fc[F.state], fc[F.holders], accountIds(fc[F.raisers])]).toEqual([1, 'open', null, [wangLei]]);

    expect(h.events.map((e) => [e.eventType, (e.payload.issue as { id: string }).id])).toEqual([
      ['avi:jira:updated:issue', String(a)],
      ['avi:jira:updated:issue', String(b)],
      ['avi:jira:updated:issue', String(c)],
    ]);
    const items = (i: number) => {
      const event = h.events[i];
      expect(event).toBeDefined();
      return (event!.payload.changelog as { items: Array<{ fieldId: string }> }).items.map((x) => x.fieldId).sort();
    };
    expect(items(0)).toEqual([F.level, F.state, F.holders, F.raisers].sort());
    expect(items(2)).toEqual([F.level, F.state, F.raisers].sort());
    expect(h.events[0]?.payload.atlassianId).toBe(h.jira.appAccountId());

    const log = await histories('AICS-9');
    expect(log.total).toBe(1);
    expect(log.histories[0]?.items.find((x) => x.fieldId === F.holders)).toMatchObject({
      field: 'Escalation holders',
      toString: `${U.liNa.displayName}, ${U.yangFan.displayName}`,
    });
  });

  it('null and [] clear; generateChangelog=false writes without a changelog entry; an update that changes nothing emits nothing', async () => {
    const a = await idOf('AICS-9');
    await post({
      updates: [
        { customField: F.level, issueIds: [a], value: 3 },
        { customField: F.holders, issueIds: [a], value: [{ accountId: liNa }] },
      ],
    });
    expect((await histories('AICS-9')).total).toBe(1);

    const res = await post(
      {
        updates: [
          { customField: F.level, issueIds: [a], value: null },
          { customField: F.holders, issueIds: [a], value: [] },
        ],
      },
      { query: '?generateChangelog=false' },
    );
    expect(res.status, res.raw).toBe(204);
    const f = await fieldsOf('AICS-9');
    expect([f[F.level], f[F.holders]]).toEqual([null, null]);
    expect((await histories('AICS-9')).total).toBe(1);
    expect(h.events).toHaveLength(2);
    expect(h.events[1]?.payload.changelog).toBeUndefined();

    expect((await post({ updates: [{ customField: F.level, issueIds: [a], value: null }] })).status).toBe(204);
    expect(h.events).toHaveLength(2);
  });

  it('only the app that owns the fields may call it: a user gets 403, a field of Jira’s own 403, an unknown field 404', async () => {
    const a = await idOf('AICS-9');
    const body = { updates: [{ customField: F.level, issueIds: [a], value: 1 }] };
    const asWang = await post(body, { actor: asUser(wangLei) });
    expect(asWang.status).toBe(403);
    expect(errorsOf(asWang).errorMessages).toEqual(['Only the app that owns the custom field can update its values.']);

    const system = await post({
      updates: [
        { customField: F.level, issueIds: [a], value: 1 },
        { customField: 'summary', issueIds: [a], value: 'x' },
      ],
    });
    expect(system.status).toBe(403);
    const unknown = await post({
      updates: [
        { customField: F.level, issueIds: [a], value: 1 },
        { customField: 'customfield_99999', issueIds: [a], value: 1 },
      ],
    });
    expect(unknown.status).toBe(404);
    expect(errorsOf(unknown).errorMessages).toEqual(["The custom field 'customfield_99999' was not found."]);
    expect((await fieldsOf('AICS-9'))[F.level]).toBeNull();
    expect(h.events).toHaveLength(0);
  });

  it('is all-or-nothing: an unknown issue, a bad value, a field and issue given twice, or a malformed body change nothing', async () => {
    const [a, b] = [await idOf('AICS-9'), await idOf('AICS-10')];
    const before = [await fieldsOf('AICS-9'), await fieldsOf('AICS-10')];
    const good = { customField: F.level, issueIds: [a, b], value: 2 };

    const missing = await post({
      updates: [good, { customField: F.holders, issueIds: [a, 999999], value: [{ accountId: liNa }] }],
    });
    expect(missing.status).toBe(400);
    expect(errorsOf(missing).errorMessages).toEqual(['Issues with these ids do not exist: 999999.']);

    const badUser = await post({
      updates: [good, { customField: F.holders, issueIds: [b], value: [{ accountId: 'ghost' }] }],
    });
    expect(badUser.status).toBe(400);
    expect(errorsOf(badUser).errors[F.holders]).toContain('ghost');
    const notAList = await post({
      updates: [good, { customField: F.raisers, issueIds: [b], value: { accountId: liNa } }],
    });
    expect(notAList.status).toBe(400);
    expect(Object.keys(errorsOf(notAList).errors)).toEqual([F.raisers]);
    expect((await post({ updates: [good, { customField: F.level, issueIds: [b], value: 'two' }] })).status).toBe(400);

    const twice = await post({ updates: [good, { customField: 'escalation-level', issueIds: [b], value: 3 }] });
    expect(twice.status).toBe(400);
    expect(errorsOf(twice).errorMessages[0]).toContain(`'${F.level}' is given more than once for the issue ${b}`);

    for (const body of [
      { updates: [{ issueIds: [a], value: 1 }] },
      { updates: [{ ...good, extra: 1 }] },
      { updates: [{ ...good, issueIds: ['AICS-9'] }] },
      '{not json',
    ]) {
      expect((await post(body)).status, JSON.stringify(body)).toBe(400);
    }

    expect([await fieldsOf('AICS-9'), await fieldsOf('AICS-10')]).toEqual(before);
    expect(h.events).toHaveLength(0);
  });

  it('the single-field PUT /app/field/{id}/value writes user lists the same way', async () => {
    const a = await idOf('AICS-9');
    const res = await h.call(asApp, 'PUT', '/rest/api/3/app/field/escalation-raisers/value', {
      updates: [{ issueIds: [a], value: [{ accountId: yangFan }, { accountId: yangFan }] }],
    });
    expect(res.status, res.raw).toBe(204);
    expect(accountIds((await fieldsOf('AICS-9'))[F.raisers])).toEqual([yangFan]);
    expect((await h.call(asApp, 'PUT', '/rest/api/3/app/field/summary/value', { updates: [] })).status).toBe(403);
  });
});

describe('the escalation people fields on issue reads and in JQL', () => {
  beforeEach(async () => {
    const [a, b, c, d] = [await idOf('AICS-9'), await idOf('AICS-10'), await idOf('PAY-3'), await idOf('PAY-4')];
    const res = await post({
      updates: [
        { customField: F.holders, issueIds: [a], value: [{ accountId: liNa }, { accountId: kevinXu }] },
        { customField: F.holders, issueIds: [b, c], value: [{ accountId: kevinXu }] },
        { customField: F.raisers, issueIds: [a, b], value: [{ accountId: wangLei }] },
        { customField: F.raisers, issueIds: [c, d], value: [{ accountId: yangFan }] },
      ],
    });
    expect(res.status, res.raw).toBe(204);
  });

  async function keys(jql: string, actor: JiraActor = asApp): Promise<string[]> {
    const res = await h.call(actor, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 100 });
    expect(res.status, res.raw).toBe(200);
    return (res.json as { issues: Array<{ key: string }> }).issues.map((i) => i.key).sort();
  }

  it('"Escalation holders" = currentUser() finds what waits on me, within what I may browse', async () => {
    expect(await keys('"Escalation holders" = currentUser()', asUser(liNa))).toEqual(['AICS-9']);
    // Kevin Xu holds PAY-3 too, but browses AICS only.
    expect(await keys('"Escalation holders" = currentUser()', asUser(kevinXu))).toEqual(['AICS-10', 'AICS-9']);
    expect(await keys(`"Escalation holders" = ${kevinXu}`)).toEqual(['AICS-10', 'AICS-9', 'PAY-3']);
    expect(await keys('"Escalation raised by" = currentUser()', asUser(wangLei))).toEqual(['AICS-10', 'AICS-9']);
  });

  it('cf[N], in (...), != and is EMPTY / is not EMPTY work as on the other app user fields', async () => {
    const n = F.holders.replace('customfield_', '');
    expect(await keys(`cf[${n}] = ${liNa}`)).toEqual(['AICS-9']);
    expect(await keys(`customfield_${n} in (${liNa}, ${kevinXu})`)).toEqual(['AICS-10', 'AICS-9', 'PAY-3']);
    expect(await keys(`"Escalation raised by" in (${wangLei}, ${yangFan}) AND "Escalation holders" is EMPTY`)).toEqual([
      'PAY-4',
    ]);
    expect(await keys('"Escalation holders" is not EMPTY')).toEqual(['AICS-10', 'AICS-9', 'PAY-3']);
    expect(
      await keys(`project = AICS AND "Escalation holders" != ${liNa} AND "Escalation holders" is not EMPTY`),
    ).toEqual(['AICS-10']);
  });

  it('bulk fetch and search return the fields as user objects', async () => {
    const bulk = (
      await h.call(asApp, 'POST', '/rest/api/3/issue/bulkfetch', {
        issueIdsOrKeys: ['AICS-9'],
        fields: [F.holders, F.raisers],
      })
    ).json as { issues: Array<{ fields: Record<string, unknown> }> };
    expect(bulk.issues[0]?.fields[F.holders]).toEqual([
      expect.objectContaining({ accountId: liNa, displayName: U.liNa.displayName }),
      expect.objectContaining({ accountId: kevinXu, displayName: U.kevinXu.displayName }),
    ]);
    const found = (
      await h.call(asApp, 'POST', '/rest/api/3/search/jql', { jql: 'key = PAY-4', fields: [F.holders, F.raisers] })
    ).json as { issues: Array<{ fields: Record<string, unknown> }> };
    expect(found.issues[0]?.fields).toEqual({
      [F.holders]: null,
      [F.raisers]: [expect.objectContaining({ accountId: yangFan, displayName: U.yangFan.displayName })],
    });
  });
});
