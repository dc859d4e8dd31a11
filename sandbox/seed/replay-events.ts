import type { JiraSandbox } from '../jira';
import { issueEvent, linkEvent } from '../jira/events';
import type { ProductEvent } from '../runtime/forge-host';

interface SearchPage {
  issues: Array<{
    id: string;
    key: string;
    fields: Record<string, unknown> & { project: { id: string }; issuelinks?: Link[] };
  }>;
  nextPageToken?: string;
}
interface Link {
  id: string;
  type: { id: string; name: string; inward: string; outward: string };
  outwardIssue?: { id: string; fields?: { project?: { id: string } } };
}

/**
 * The seed writes Jira's tables directly. To the app, the demo data should look as if people had created it
 * while the app was installed, so the sandbox replays a `created` event for every seeded issue and link.
 */
export async function replaySeedAsEvents(
  jira: JiraSandbox,
  deliver: (e: ProductEvent) => void,
  actorId: string,
  now: Date,
  jql = 'created <= now() ORDER BY key ASC',
  /** Called after each page of 100 issues, e.g. to let the triggers catch up before the next page. */
  afterPage?: () => Promise<void>,
): Promise<{ issues: number; links: number }> {
  const ctx = { atlassianId: actorId, selfGenerated: false, now };
  let token: string | undefined;
  let issues = 0;
  const links = new Map<string, ProductEvent>();
  do {
    const r = await jira.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: JSON.stringify({
        jql,
        fields: ['*navigable'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      }),
      actor: { kind: 'app' },
    });
    if (r.status !== 200) throw new Error(`replaying the seed failed: search answered ${r.status} ${r.body}`);
    const page = JSON.parse(r.body) as SearchPage;
    for (const issue of page.issues) {
      deliver(issueEvent('avi:jira:created:issue', issue, ctx));
      issues += 1;
      for (const l of issue.fields.issuelinks ?? []) {
        // Listed on the "from" side only ("this issue blocks outwardIssue"), so each link is replayed once.
        if (!l.outwardIssue || links.has(l.id)) continue;
        const other = l.outwardIssue;
        const ev = linkEvent(
          'avi:jira:created:issuelink',
          {
            id: Number(l.id),
            sourceIssueId: Number(issue.id),
            destinationIssueId: Number(other.id),
            sourceProjectId: Number(issue.fields.project.id),
            destinationProjectId: Number(other.fields?.project?.id ?? issue.fields.project.id),
            issueLinkType: l.type,
          },
          ctx,
        );
        links.set(l.id, ev);
      }
    }
    token = page.nextPageToken;
    await afterPage?.();
  } while (token);
  for (const ev of links.values()) deliver(ev);
  return { issues, links: links.size };
}
