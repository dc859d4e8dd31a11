import { beforeEach, describe, expect, it } from 'vitest';
import { createJiraHarness, asApp, asUser, type JiraHarness } from '../../sandbox/jira/test-support';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';

/** Issue links both ways, and the Forge product events each mutation emits once, after it commits. */
let h: JiraHarness;
/** What the database held when each event was emitted (proves emission after commit). */
let committedAtEmit: Array<{ eventType: string; linkRows: number; issueRows: number }>;

beforeEach(() => {
  committedAtEmit = [];
  h = createJiraHarness({
    onEmit: (e) => {
      const count = (sql: string): number => (h.db.prepare(sql).get() as { n: number }).n;
      committedAtEmit.push({
        eventType: e.eventType,
        linkRows: count('SELECT COUNT(*) AS n FROM jira_issue_links'),
        issueRows: count('SELECT COUNT(*) AS n FROM jira_issues'),
      });
    },
  });
});

const idOf = async (key: string): Promise<string> =>
  ((await h.call(asApp, 'GET', `/rest/api/3/issue/${key}?fields=project`)).json as { id: string }).id;
type LinkEntry = { id: string; type: { name: string }; inwardIssue?: { key: string }; outwardIssue?: { key: string } };
const linksOf = async (key: string): Promise<LinkEntry[]> =>
  (
    (await h.call(asApp, 'GET', `/rest/api/3/issue/${key}?fields=issuelinks`)).json as {
      fields: { issuelinks: LinkEntry[] };
    }
  ).fields.issuelinks;

describe('issue links', () => {
  it('POST { inwardIssue: A, outwardIssue: B, Blocks } reads "A blocks B" from both sides and by id, with one event', async () => {
    const before = await linksOf('AICS-10');
    const res = await h.call(asApp, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: 'AICS-10' },
      outwardIssue: { key: 'PAY-13' },
    });
    expect(res.status).toBe(201);
    expect(res.raw).toBe('');

    const onA = (await linksOf('AICS-10')).filter((l) => !before.some((b) => b.id === l.id));
    expect(onA).toHaveLength(1);
    expect(onA[0]).toMatchObject({ type: { name: 'Blocks' }, outwardIssue: { key: 'PAY-13' } });
    const linkId = onA[0]?.id ?? '';
    const onB = (await linksOf('PAY-13')).find((l) => l.id === linkId);
    expect(onB).toMatchObject({ inwardIssue: { key: 'AICS-10' } });
    expect(onB?.outwardIssue).toBeUndefined();

    const byId = (await h.call(asApp, 'GET', `/rest/api/3/issueLink/${linkId}`)).json as LinkEntry;
    expect(byId.inwardIssue?.key).toBe('AICS-10');
    expect(byId.outwardIssue?.key).toBe('PAY-13');

    expect(h.events).toHaveLength(1);
    const e = h.events[0];
    expect(e?.eventType).toBe('avi:jira:created:issuelink');
    expect(e?.payload).toMatchObject({
      eventType: 'avi:jira:created:issuelink',
      id: linkId,
      sourceIssueId: await idOf('AICS-10'),
      destinationIssueId: await idOf('PAY-13'),
      sourceProjectId: '10000',
      destinationProjectId: '10001',
      issueLinkType: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      atlassianId: h.jira.appAccountId(),
      selfGenerated: true,
    });
  });

  it('a duplicate link answers 201 without a second link or event; delete emits once; deleting again is 404', async () => {
    const body = { type: { id: '10000' }, inwardIssue: { key: 'AICS-10' }, outwardIssue: { key: 'AICS-14' } };
    const gaoYuan = asUser(SEED_USERS.liuYang.accountId);
    expect((await h.call(gaoYuan, 'POST', '/rest/api/3/issueLink', body)).status).toBe(201);
    expect((await h.call(gaoYuan, 'POST', '/rest/api/3/issueLink', body)).status).toBe(201);
    const created = h.events.filter((e) => e.eventType === 'avi:jira:created:issuelink');
    expect(created).toHaveLength(1);
    expect(created[0]?.payload).toMatchObject({ atlassianId: SEED_USERS.liuYang.accountId, selfGenerated: false });
    const linkId = String(created[0]?.payload.id);
    expect((await linksOf('AICS-10')).filter((l) => l.outwardIssue?.key === 'AICS-14')).toHaveLength(1);

    expect((await h.call(gaoYuan, 'DELETE', `/rest/api/3/issueLink/${linkId}`)).status).toBe(204);
    expect((await h.call(gaoYuan, 'DELETE', `/rest/api/3/issueLink/${linkId}`)).status).toBe(404);
    expect((await h.call(gaoYuan, 'GET', `/rest/api/3/issueLink/${linkId}`)).status).toBe(404);
    const deleted = h.events.filter((e) => e.eventType === 'avi:jira:deleted:issuelink');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.payload).toMatchObject({
      id: linkId,
      sourceIssueId: created[0]?.payload.sourceIssueId,
      destinationIssueId: created[0]?.payload.destinationIssueId,
    });
    expect(h.events).toHaveLength(2);
    expect((await linksOf('AICS-14')).some((l) => l.id === linkId)).toBe(false);
  });

  it('refuses self links, unknown types and unknown issues', async () => {
    expect(
      (
        await h.call(asApp, 'POST', '/rest/api/3/issueLink', {
          type: { name: 'Blocks' },
          inwardIssue: { key: 'AICS-2' },
          outwardIssue: { key: 'AICS-2' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.call(asApp, 'POST', '/rest/api/3/issueLink', {
          type: { name: 'Depends' },
          inwardIssue: { key: 'AICS-2' },
          outwardIssue: { key: 'AICS-3' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.call(asApp, 'POST', '/rest/api/3/issueLink', {
          type: { name: 'Blocks' },
          inwardIssue: { key: 'AICS-2' },
          outwardIssue: { key: 'AICS-999' },
        })
      ).status,
    ).toBe(404);
    expect((await h.call(asApp, 'GET', '/rest/api/3/issueLink/abc')).status).toBe(400);
    expect(h.events).toHaveLength(0);
  });

  it('lists the link types', async () => {
    const types = (await h.call(asApp, 'GET', '/rest/api/3/issueLinkType')).json as {
      issueLinkTypes: Array<{ name: string }>;
    };
    expect(types.issueLinkTypes.map((t) => t.name)).toEqual(['Blocks', 'Cloners', 'Duplicate', 'Relates']);
  });
});

describe('events are emitted after the transaction commits, once per mutation', () => {
  it('the database already holds the change when the listener runs', async () => {
    const links = (h.db.prepare('SELECT COUNT(*) AS n FROM jira_issue_links').get() as { n: number }).n;
    const issues = (h.db.prepare('SELECT COUNT(*) AS n FROM jira_issues').get() as { n: number }).n;
    await h.call(asApp, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Relates' },
      inwardIssue: { key: 'AICS-2' },
      outwardIssue: { key: 'AICS-3' },
    });
    const created = await h.call(asApp, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: '新任务' },
    });
    const key = (created.json as { key: string }).key;
    await h.call(asApp, 'DELETE', `/rest/api/3/issue/${key}`);
    expect(committedAtEmit).toEqual([
      { eventType: 'avi:jira:created:issuelink', linkRows: links + 1, issueRows: issues },
      { eventType: 'avi:jira:created:issue', linkRows: links + 1, issueRows: issues + 1 },
      { eventType: 'avi:jira:deleted:issue', linkRows: links + 1, issueRows: issues },
    ]);
  });

  it('a throwing listener does not undo or fail a committed write', async () => {
    const noisy = createJiraHarness({
      emit: () => {
        throw new Error('listener broke');
      },
    });
    const spy = console.error;
    console.error = () => undefined;
    try {
      const res = await noisy.call(asApp, 'PUT', '/rest/api/3/issue/AICS-2', {
        fields: { summary: '仍然保存 still saved' },
      });
      expect(res.status).toBe(204);
    } finally {
      console.error = spy;
    }
    const after = (await noisy.call(asApp, 'GET', '/rest/api/3/issue/AICS-2?fields=summary')).json as {
      fields: { summary: string };
    };
    expect(after.fields.summary).toBe('仍然保存 still saved');
  });

  it('created, updated (with changelog) and deleted issue events carry the documented fields', async () => {
    const actor = asUser(SEED_USERS.liuYang.accountId);
    const res = await h.call(actor, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'AICS' },
        issuetype: { name: 'Story' },
        summary: '转人工话术 / Hand-over scripts',
        parent: { key: 'AICS-1' },
      },
    });
    expect(res.status).toBe(201);
    const { id, key } = res.json as { id: string; key: string };
    expect(key).toBe('AICS-18');
    const accountable = h.jira.appFieldIds()['raci-accountable'] ?? '';
    await h.call(actor, 'PUT', `/rest/api/3/issue/${key}`, {
      fields: { [accountable]: { accountId: SEED_USERS.chenJing.accountId }, duedate: '2025-06-20' },
    });
    await h.call(actor, 'PUT', `/rest/api/3/issue/${key}`, {
      fields: { [accountable]: { accountId: SEED_USERS.chenJing.accountId } },
    });
    await h.call(actor, 'DELETE', `/rest/api/3/issue/${key}`);

    expect(h.events.map((e) => e.eventType)).toEqual([
      'avi:jira:created:issue',
      'avi:jira:updated:issue',
      'avi:jira:deleted:issue',
    ]);
    const [createdEvent, updated, deleted] = h.events;
    expect(createdEvent?.payload).toMatchObject({
      eventType: 'avi:jira:created:issue',
      atlassianId: SEED_USERS.liuYang.accountId,
      associatedUsers: [{ accountId: SEED_USERS.liuYang.accountId }],
      issue: {
        id,
        key,
        fields: {
          summary: '转人工话术 / Hand-over scripts',
          issuetype: { name: 'Story' },
          project: { key: 'AICS', id: '10000' },
          status: { name: 'To Do', statusCategory: { key: 'new' } },
          creator: { accountId: SEED_USERS.liuYang.accountId },
          reporter: { accountId: SEED_USERS.liuYang.accountId },
          parent: { key: 'AICS-1' },
        },
      },
    });
    expect(typeof createdEvent?.payload.timestamp).toBe('string');
    expect(updated?.payload.changelog).toMatchObject({
      items: [
        { field: 'duedate', fieldId: 'duedate', from: null, to: '2025-06-20', toString: '2025-06-20' },
        {
          field: 'Accountable',
          fieldtype: 'custom',
          fieldId: accountable,
          from: null,
          fromString: null,
          to: SEED_USERS.chenJing.accountId,
          toString: SEED_USERS.chenJing.displayName,
        },
      ],
    });
    expect(updated).toBeDefined();
    expect((updated!.payload.issue as { fields: Record<string, unknown> }).fields[accountable]).toMatchObject({
      accountId: SEED_USERS.chenJing.accountId,
    });
    expect(deleted?.payload).toMatchObject({
      issue: { id, key, fields: { summary: '转人工话术 / Hand-over scripts' } },
    });
  });

  it('deleting an issue drops its links silently: only the issue event is emitted', async () => {
    const before = (h.db.prepare('SELECT COUNT(*) AS n FROM jira_issue_links').get() as { n: number }).n;
    expect((await linksOf('AICS-7')).length).toBeGreaterThan(0);
    expect((await h.call(asApp, 'DELETE', '/rest/api/3/issue/AICS-7')).status).toBe(204);
    expect(h.events.map((e) => e.eventType)).toEqual(['avi:jira:deleted:issue']);
    const after = (h.db.prepare('SELECT COUNT(*) AS n FROM jira_issue_links').get() as { n: number }).n;
    expect(after).toBeLessThan(before);
    expect((await linksOf('AICS-9')).some((l) => l.inwardIssue?.key === 'AICS-7')).toBe(false);
  });

  it('a comment emits avi:jira:commented:issue', async () => {
    const body = {
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '收到' }] }] },
    };
    expect(
      (await h.call(asUser(SEED_USERS.yangFan.accountId), 'POST', '/rest/api/3/issue/AICS-6/comment', body)).status,
    ).toBe(201);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]?.payload).toMatchObject({
      eventType: 'avi:jira:commented:issue',
      issue: { key: 'AICS-6' },
      comment: { body: body.body },
    });
  });
});
