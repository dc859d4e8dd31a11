import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { JiraSandbox } from '../../sandbox/jira/jira-sandbox';
import { loadAppFields } from '../../sandbox/jira/app-fields';
import { createJiraHarness, asApp, asUser, RACI_APP_FIELDS } from '../../sandbox/jira/test-support';
import { SEED_DEPARTMENTS, SEED_PHASES, SEED_PROJECTS, SEED_USERS, seedJira } from '../../sandbox/seed/jira-seed';

const dir = mkdtempSync(join(tmpdir(), 'jira-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2025-06-16T02:00:00.000Z');

async function keys(h: ReturnType<typeof createJiraHarness>, jql: string): Promise<string[]> {
  const res = await h.call(asApp, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 1000 });
  expect(res.status, res.raw).toBe(200);
  return (res.json as { issues: Array<{ key: string }> }).issues.map((i) => i.key);
}

describe('seed', () => {
  it('is idempotent and survives a restart on the same database file, with stable app field ids', () => {
    const file = join(dir, 'sandbox.db');
    const first = createJiraHarness({ dbFile: file, start: NOW });
    expect(first.jira.isSeeded()).toBe(true);
    expect(first.seed).toMatchObject({ issues: 39, users: 17 });
    const again = seedJira(first.jira, NOW);
    expect(again).toEqual(first.seed);
    const count = (db: Database.Database): number =>
      (db.prepare('SELECT COUNT(*) AS n FROM jira_issues').get() as { n: number }).n;
    expect(count(first.db)).toBe(39);
    first.db.close();

    const db = new Database(file);
    const restarted = new JiraSandbox(db, {
      now: () => NOW,
      emit: () => undefined,
      appId: 'a',
      environmentId: 'e',
      // A field added to the manifest later gets the next id; existing ones keep theirs.
      appFields: [...RACI_APP_FIELDS, { moduleKey: 'escalation-level', name: 'Escalation level', type: 'number' }],
      siteUrl: 'http://localhost:5173/',
    });
    expect(restarted.isSeeded()).toBe(true);
    expect(count(db)).toBe(39);
    expect(restarted.appFieldIds()).toEqual({
      'raci-responsible': 'customfield_10100',
      'raci-accountable': 'customfield_10101',
      'raci-consulted': 'customfield_10102',
      'raci-informed': 'customfield_10103',
      'escalation-level': 'customfield_10104',
    });
    db.close();
  });

  it('has the two projects, four phase versions each, and people in their department groups', async () => {
    const h = createJiraHarness({ start: NOW });
    for (const p of SEED_PROJECTS) {
      const versions = (await h.call(asApp, 'GET', `/rest/api/3/project/${p.key}/versions`)).json as Array<{
        name: string;
        releaseDate: string;
        released: boolean;
        overdue?: boolean;
      }>;
      expect(versions.map((v) => v.name)).toEqual([...SEED_PHASES]);
      expect(versions.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v.releaseDate))).toBe(true);
    }
    const payVersions = (await h.call(asApp, 'GET', '/rest/api/3/project/PAY/versions')).json as Array<{
      overdue?: boolean;
    }>;
    expect(payVersions.some((v) => v.overdue === true)).toBe(true);
    for (const d of SEED_DEPARTMENTS) {
      const members = (await h.call(asApp, 'GET', `/rest/api/3/group/member?groupname=${d.group}`)).json as {
        values: Array<{ accountId: string }>;
      };
      const ids = members.values.map((m) => m.accountId);
      expect(ids).toContain(d.headAccountId);
      expect(ids).toContain(d.interfaceAccountId);
    }
    expect(SEED_DEPARTMENTS.map((d) => d.group)).toEqual([
      'dept-tech',
      'dept-product',
      'dept-cs',
      'dept-rnd',
      'dept-marketing',
      'dept-legal',
    ]);
    expect(new Set(SEED_USERS.map((u) => u.accountId)).size).toBe(SEED_USERS.length);
    expect(SEED_USERS).toHaveLength(17);
    expect(SEED_USERS.find((u) => u.accountId === SEED_USERS.kevinXu.accountId)?.displayName).toBe('徐凯 Kevin Xu');
    expect(JSON.parse(JSON.stringify(SEED_USERS))).toHaveLength(17);
  });

  it('models the seeds: overdue and due-soon work, incomplete RACI, every status and type, cross-department and cross-project Blocks', async () => {
    const h = createJiraHarness({ start: NOW });
    expect((await keys(h, 'duedate < now() AND statusCategory != Done')).length).toBeGreaterThanOrEqual(4);
    expect(
      (await keys(h, 'duedate >= startOfDay() AND duedate <= 3d AND statusCategory != Done')).length,
    ).toBeGreaterThanOrEqual(3);
    expect(
      (await keys(h, 'project in (AICS, PAY) AND "Accountable" is EMPTY AND issuetype != Epic')).length,
    ).toBeGreaterThanOrEqual(3);
    expect((await keys(h, 'project in (AICS, PAY) AND "Responsible" is EMPTY')).length).toBeGreaterThanOrEqual(3);
    expect(
      (await keys(h, 'project in (AICS, PAY) AND Accountable is not EMPTY AND Responsible is not EMPTY')).length,
    ).toBeGreaterThanOrEqual(25);
    for (const s of ['To Do', 'In Progress', 'Done'])
      expect((await keys(h, `status = "${s}"`)).length).toBeGreaterThan(0);
    for (const t of ['Task', 'Story', 'Bug', 'Epic'])
      expect((await keys(h, `issuetype = ${t}`)).length).toBeGreaterThan(0);
    expect((await keys(h, 'project = AICS AND parent = AICS-1')).length).toBe(16);

    const issues = (
      await h.call(asApp, 'POST', '/rest/api/3/search/jql', {
        jql: 'project in (AICS, PAY)',
        fields: ['issuelinks', 'summary', 'project'],
        maxResults: 100,
      })
    ).json as {
      issues: Array<{
        key: string;
        fields: { summary: string; issuelinks: Array<{ type: { name: string }; outwardIssue?: { key: string } }> };
      }>;
    };
    const blocks = issues.issues.flatMap((i) =>
      i.fields.issuelinks
        .filter((l) => l.type.name === 'Blocks' && l.outwardIssue)
        .map((l) => [i.key, l.outwardIssue?.key ?? '']),
    );
    expect(blocks.length).toBeGreaterThanOrEqual(20);
    expect(blocks.some(([a, b]) => a?.split('-')[0] !== b?.split('-')[0])).toBe(true);
    expect(issues.issues.every((i) => /[\u4e00-\u9fff]/.test(i.fields.summary))).toBe(true);

    // RACI values of the model-training story: two Responsible (one is the contractor), Accountable Wang Lei.
    const ids = h.jira.appFieldIds();
    const model = (await h.call(asUser(SEED_USERS.kevinXu.accountId), 'GET', '/rest/api/3/issue/AICS-7')).json as {
      fields: Record<string, unknown>;
    };
    expect(
      (model.fields[ids['raci-responsible'] ?? ''] as Array<{ accountId: string }>).map((u) => u.accountId),
    ).toEqual([SEED_USERS.liNa.accountId, SEED_USERS.kevinXu.accountId]);
    expect(model.fields[ids['raci-accountable'] ?? '']).toMatchObject({
      accountId: SEED_USERS.wangLei.accountId,
      displayName: '王磊 Wang Lei',
    });
  });
});

describe('loadAppFields', () => {
  it('reads the jira:customField modules of a manifest in order', () => {
    const file = join(dir, 'manifest.yml');
    writeFileSync(
      file,
      [
        'modules:',
        '  jira:customField:',
        '    - key: raci-responsible',
        '      name: Responsible',
        '      description: who does the work',
        '      type: user',
        '      collection: list',
        '    - key: raci-accountable',
        '      name:',
        '        i18n: field.accountable',
        '      type: user',
        '  function:',
        '    - key: f',
        '      handler: index.f',
      ].join('\n'),
    );
    expect(loadAppFields(file)).toEqual([
      {
        moduleKey: 'raci-responsible',
        name: 'Responsible',
        description: 'who does the work',
        type: 'user',
        collection: 'list',
      },
      { moduleKey: 'raci-accountable', name: 'field.accountable', type: 'user' },
    ]);
    writeFileSync(file, 'modules:\n  jira:customField:\n    - key: x\n      name: X\n      type: colour\n');
    expect(() => loadAppFields(file)).toThrow();
  });
});
