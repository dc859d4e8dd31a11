import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Platform } from '../../sandbox/platform';
import type { ProductEvent } from '../../sandbox/runtime/forge-host';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { dependencyIdForLink } from '../../src/domain/dependencies/dependency';
import { invoke, startPlatform } from '../support/platform';

/**
 * Forge delivers link events late, out of order and more than once. Whatever the order, the records end where
 * in-order delivery ends: a live link is a dependency still asked for; a deleted link a cancelled dependency
 * with exactly one "created" and one "cancelled" audit entry; a stray delete of a live link cancels nothing;
 * and the project page's open count equals a recount of the live links.
 */
const U = SEED_USERS;
const PAGE = 'collab-project-page';
let p: Platform;
type Captured = [ProductEvent, boolean];
let captured: Captured[] | null = null;
let deliver: (e: ProductEvent, self: boolean) => void;

beforeAll(async () => {
  p = await startPlatform();
  deliver = p.host.deliver.bind(p.host);
  // Hold events back while a scenario is set up, so the test decides when and in which order they arrive.
  p.host.deliver = (e, self) => (captured ? void captured.push([e, self]) : deliver(e, self));
});
afterAll(() => p?.close());

const kvs = (path: string, body: unknown) => JSON.parse(p.kvs.handle(path, JSON.stringify(body)).body || '{}');
const record = (linkId: string) =>
  kvs('/api/v1/entity/get', { entityName: 'dependency', key: dependencyIdForLink(linkId) })?.value;
const audit = (linkId: string): string[] =>
  (
    kvs('/api/v1/entity/query', {
      entityName: 'audit-event',
      indexName: 'by-subject',
      partition: [dependencyIdForLink(linkId)],
      limit: 100,
    }).data ?? []
  ).map((r: { value: { kind: string } }) => r.value.kind);
const openDependencies = async () => {
  const { env } = await invoke(
    p,
    { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
    'getProjectOverview',
  );
  if (!env.ok) throw new Error(env.error.message);
  return env.data.dependencies.open as number;
};

let n = 0;
const issue = () =>
  p.jira.admin.createIssue({
    projectKey: 'PAY',
    issueType: 'Task',
    summary: `link order ${++n}`,
    status: 'To Do',
    dueDate: null,
    appFields: {},
  });

async function jira(method: string, path: string, body?: unknown) {
  const r = await p.jira.handle({
    method,
    path,
    ...(body ? { body: JSON.stringify(body) } : {}),
    actor: { kind: 'user', accountId: U.gaoYuan.accountId },
  });
  return { status: r.status, json: r.body ? JSON.parse(r.body) : undefined };
}

describe('link events in any order, any number of times', () => {
  it('converge to the in-order state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('live', 'deleted', 'stray-delete'), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat({ max: 2 }), { minLength: 12, maxLength: 12 }),
        async (fates, order, copies) => {
          const before = await openDependencies();
          captured = [];
          const links: Array<{ id: string; fate: string }> = [];
          for (const fate of fates) {
            const [a, b] = [issue(), issue()];
            expect(
              (
                await jira('POST', '/rest/api/3/issueLink', {
                  type: { name: 'Blocks' },
                  outwardIssue: { key: a.key },
                  inwardIssue: { key: b.key },
                })
              ).status,
            ).toBe(201);
            const made = (await jira('GET', `/rest/api/3/issue/${b.key}?fields=issuelinks`)).json.fields
              .issuelinks as Array<{ id: string }>;
            const id = made[0]!.id;
            links.push({ id, fate });
            if (fate === 'deleted') expect((await jira('DELETE', `/rest/api/3/issueLink/${id}`)).status).toBe(204);
          }
          await new Promise((r) => setImmediate(r));
          const events = captured;
          captured = null;
          // A stray delete: the delete event of a link that is still there.
          for (const l of links.filter((x) => x.fate === 'stray-delete')) {
            const created = events.find(
              ([e]) => e.eventType === 'avi:jira:created:issuelink' && String(e.payload.id) === l.id,
            )!;
            events.push([{ ...created[0], eventType: 'avi:jira:deleted:issuelink' }, false]);
          }
          // Each event once at least, some twice or three times, in a shuffled order.
          const sent = events.flatMap((e, i) => Array.from({ length: 1 + (copies[i % copies.length] ?? 0) }, () => e));
          const keyed = sent.map((e, i) => ({ e, k: order[i % order.length]! * 100 + i }));
          keyed.sort((x, y) => x.k - y.k);
          for (const { e } of keyed) deliver(...e);
          await p.settle();

          for (const l of links) {
            const rec = record(l.id);
            const kinds = audit(l.id).sort();
            if (l.fate === 'deleted') {
              expect(rec?.status, `link ${l.id}`).toBe('cancelled');
              expect(kinds).toEqual(['dependency.cancelled', 'dependency.created']);
            } else {
              expect(rec?.status, `link ${l.id}`).toBe('requested');
              expect(kinds).toEqual(['dependency.created']);
            }
          }
          expect(await openDependencies()).toBe(before + links.filter((l) => l.fate !== 'deleted').length);
        },
      ),
      { numRuns: 25, seed: 20261203 },
    );
  });
});
