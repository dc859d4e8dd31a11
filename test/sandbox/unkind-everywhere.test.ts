import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createJiraHarness, asApp, asUser } from '../../sandbox/jira/test-support';
import { SandboxClock } from '../../sandbox/runtime/clock';
import { ForgeHost, type JiraBackend, type KvsBackend } from '../../sandbox/runtime/forge-host';
import { loadManifest } from '../../sandbox/runtime/manifest';
import { MANIFEST_PATH } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { KvsEngine } from '../../sandbox/kvs/engine';
import { ENTITIES } from './kvs-harness';

/**
 * Where Jira and Forge are unkind in every mode, the sandbox is too: one test per behaviour of issue 13's list
 * ("and everywhere, in both modes"), so none of them can quietly become kind again.
 */
const contractor = asUser(SEED_USERS.kevinXu.accountId);
const wangLei = asUser(SEED_USERS.wangLei.accountId);
const linTao = asUser(SEED_USERS.linTao.accountId);

describe('Jira', () => {
  it('GET /group/member refuses a caller without Browse users and groups or Administer Jira (403)', async () => {
    const h = createJiraHarness();
    const path = '/rest/api/3/group/member?groupname=dept-rnd';
    expect((await h.call(contractor, 'GET', path)).status).toBe(403);
    expect((await h.call(wangLei, 'GET', path)).status).toBe(200);
    expect((await h.call(linTao, 'GET', path)).status).toBe(200);
    expect((await h.call(asApp, 'GET', path)).status).toBe(200);
  });

  it('deleting a link without the Link issues permission answers 404, and the link stays', async () => {
    const h = createJiraHarness();
    const link = { type: { name: 'Relates' }, inwardIssue: { key: 'PAY-2' }, outwardIssue: { key: 'PAY-3' } };
    expect((await h.call(asApp, 'POST', '/rest/api/3/issueLink', link)).status).toBe(201);
    const links = (await h.call(asApp, 'GET', '/rest/api/3/issue/PAY-3?fields=issuelinks')).json as {
      fields: { issuelinks: Array<{ id: string; inwardIssue?: { key: string } }> };
    };
    const id = links.fields.issuelinks.find((l) => l.inwardIssue?.key === 'PAY-2')?.id;
    expect(id).toBeDefined();
    // Wang Lei may browse PAY but not link there; Jira answers 404, as for a link that does not exist.
    expect((await h.call(wangLei, 'GET', '/rest/api/3/issue/PAY-3')).status).toBe(200);
    expect((await h.call(wangLei, 'DELETE', `/rest/api/3/issueLink/${id}`)).status).toBe(404);
    expect((await h.call(asApp, 'GET', `/rest/api/3/issueLink/${id}`)).status).toBe(200);
  });

  it('bulk fetch leaves unknown issues out instead of reporting them', async () => {
    const h = createJiraHarness();
    const res = await h.call(asApp, 'POST', '/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: ['PAY-2', 'PAY-999', 'NOPE-1', '99999999'],
      fields: ['summary'],
    });
    expect(res.status).toBe(200);
    const body = res.json as { issues: Array<{ key: string }>; issueErrors: unknown[] };
    expect(body.issues.map((i) => i.key)).toEqual(['PAY-2']);
    expect(body.issueErrors).toEqual([]);
  });
});

describe('Custom Entity Store', () => {
  const engine = () => new KvsEngine(new Database(':memory:'), ENTITIES, { now: () => 0 });
  const set = (e: KvsEngine, score: number) =>
    e.handle(
      '/api/v1/entity/set',
      JSON.stringify({ entityName: 'task', key: 't1', value: { project: 'P', status: 's', priority: 1, score } }),
    ).status;

  it('keeps a float attribute in its documented range: 0, or 1E-130 to 9.99…E+125 either sign', () => {
    const e = engine();
    for (const ok of [0, 1e-130, -1e-130, 1.5, -2.25, 9.99e125, -9.99e125]) expect(set(e, ok), String(ok)).toBe(204);
    for (const bad of [1e-131, -1e-131, 1.1e126, -1.1e126, 1e200]) expect(set(e, bad), String(bad)).toBe(400);
  });
});

describe('Forge functions', () => {
  const manifest = loadManifest(MANIFEST_PATH);
  const exportOf = (functionKey: string) =>
    manifest.modules.function.find((f) => f.key === functionKey)?.handler.split('.')[1] ?? '';
  const hostWith = (app: Record<string, unknown>) =>
    new ForgeHost({
      manifest,
      app,
      kvs: {} as KvsBackend,
      jira: {} as JiraBackend,
      clock: new SandboxClock(),
      cloudId: 'cloud-1',
      siteUrl: 'http://sandbox.test',
      environmentId: 'env-1',
    });

  it('a scheduled trigger gets its event and the invocation context, like every Forge function', async () => {
    const sweep = manifest.modules.scheduledTrigger[0]!;
    const calls: unknown[][] = [];
    const host = hostWith({ [exportOf(sweep.function)]: (...args: unknown[]) => void calls.push(args) });
    await host.runScheduled(sweep.key);
    expect(calls).toHaveLength(1);
    const [event, context] = calls[0] as [Record<string, unknown>, Record<string, unknown>];
    expect(event.context).toEqual({ cloudId: 'cloud-1', moduleKey: sweep.key });
    expect(context.installContext).toBe('ari:cloud:jira::site/cloud-1');
  });

  it('a web trigger result without a numeric statusCode is a 500', async () => {
    const hook = manifest.modules.webtrigger[0]!;
    const req = { method: 'POST', path: '/', headers: {}, body: '{}', query: new URLSearchParams() };
    for (const [answer, status] of [
      [{ body: 'no status' }, 500],
      [{ statusCode: '200', body: 'a string status' }, 500],
      [undefined, 500],
      [{ statusCode: 202, body: 'fine' }, 202],
    ] as const) {
      const host = hostWith({ [exportOf(hook.function)]: async () => answer });
      expect((await host.callWebTrigger(hook.key, req)).statusCode, JSON.stringify(answer)).toBe(status);
    }
  });
});
