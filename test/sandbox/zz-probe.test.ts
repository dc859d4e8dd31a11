import { it } from 'vitest';
import { startPlatform, jiraAs } from '../support/platform';
import { SEED_USERS as U } from '../../sandbox/seed/jira-seed';
it('probe', async () => {
  const p = await startPlatform({ productionConditions: 20261203 });
  const before = p.host.invocationMark();
  const r = await jiraAs(p, U.chenJing.accountId, 'POST', '/rest/api/3/issue/AICS-15/transitions', { transition: { id: '21' } });
  console.log('status', r.status);
  console.log(JSON.stringify(p.jira.listNotifications().filter((n) => n.issueKey === 'AICS-15').map(n => [n.id, n.subject, n.createdAt])));
  console.log(JSON.stringify(p.host.invocationsSince(before).map(i => [i.moduleKey, i.detail, i.ok, i.jiraCalls, i.refusedJiraCalls, i.error, new Date(i.startedAt).toISOString()])));
  p.close();
}, 120000);
