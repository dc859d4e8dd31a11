import { jira } from './api';
import { h, lozenge } from './dom';
import type { Issue } from './state';

/** A project's issues, every page of the JQL search followed, as Jira's list view shows them. */
export async function projectIssues(main: HTMLElement, projectKey: string) {
  main.replaceChildren(h('h1', {}, `${projectKey} issues`), h('p', { className: 'note' }, 'Loading…'));
  const rows: Issue[] = [];
  let token: string | undefined;
  do {
    const page = await jira<{ issues: Issue[]; nextPageToken?: string }>('/rest/api/3/search/jql', {
      method: 'POST',
      body: JSON.stringify({
        jql: `project = ${projectKey} ORDER BY key ASC`,
        fields: ['summary', 'status', 'duedate', 'issuetype'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      }),
    });
    rows.push(...page.issues);
    token = page.nextPageToken;
  } while (token);
  main.replaceChildren(
    h('h1', {}, `${projectKey} issues`),
    h(
      'table',
      { className: 'issues' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Key'),
          h('th', {}, 'Summary'),
          h('th', {}, 'Type'),
          h('th', {}, 'Status'),
          h('th', {}, 'Due'),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((i) =>
          h(
            'tr',
            {},
            h('td', {}, h('a', { href: `#/issue/${i.key}` }, i.key)),
            h('td', {}, i.fields.summary),
            h('td', {}, i.fields.issuetype?.name ?? ''),
            h('td', {}, lozenge(i.fields.status.statusCategory.key, i.fields.status.name)),
            h('td', {}, i.fields.duedate ?? ''),
          ),
        ),
      ),
    ),
  );
}
