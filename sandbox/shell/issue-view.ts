import { jira } from './api';
import { appFrame } from './app-frame';
import { escalationFields, raciFields, readOnlyValue } from './app-fields';
import { automationButtons } from './automation';
import { issueContextPanel } from './issue-context';
import { flag, h, lozenge } from './dom';
import { state, type Issue, type UserRef } from './state';
import { userPicker } from './user-picker';

/** One issue as Jira's issue view shows it: details, the app's fields, transitions, links, and the app's panel. */
export async function issueView(main: HTMLElement, issueKey: string) {
  main.replaceChildren(h('p', { className: 'note' }, `Loading ${issueKey}…`));
  const fields = await raciFields();
  const escFields = await escalationFields();
  let issue: Issue;
  try {
    issue = await jira<Issue>(`/rest/api/3/issue/${issueKey}?expand=editmeta`);
  } catch (e) {
    main.replaceChildren(h('h1', {}, issueKey), h('p', { className: 'error', role: 'alert' }, (e as Error).message));
    return;
  }
  const editable =
    Object.keys((issue as unknown as { editmeta?: { fields?: object } }).editmeta?.fields ?? {}).length > 0;
  const reload = () => void issueView(main, issueKey);
  const setField = async (id: string, multi: boolean, next: UserRef[]) => {
    try {
      await jira(`/rest/api/3/issue/${issueKey}`, {
        method: 'PUT',
        body: JSON.stringify({
          fields: {
            [id]: multi
              ? next.map((u) => ({ accountId: u.accountId }))
              : next[0]
                ? { accountId: next[0].accountId }
                : null,
          },
        }),
      });
      reload();
    } catch (e) {
      flag((e as Error).message, true);
    }
  };
  const transitions = await jira<{ transitions: Array<{ id: string; name: string }> }>(
    `/rest/api/3/issue/${issueKey}/transitions`,
  ).catch(() => ({ transitions: [] }));
  const transitionSel = h(
    'select',
    { 'aria-label': 'Transition', id: 'transition' },
    h('option', { value: '' }, 'Transition…'),
    ...transitions.transitions.map((t) => h('option', { value: t.id }, t.name)),
  );
  transitionSel.addEventListener('change', async () => {
    if (!transitionSel.value) return;
    try {
      await jira(`/rest/api/3/issue/${issueKey}/transitions`, {
        method: 'POST',
        body: JSON.stringify({ transition: { id: transitionSel.value } }),
      });
      reload();
    } catch (e) {
      flag((e as Error).message, true);
      transitionSel.value = '';
    }
  });

  const links = issue.fields.issuelinks ?? [];
  const linkTypes = await jira<{ issueLinkTypes: Array<{ name: string; inward: string; outward: string }> }>(
    '/rest/api/3/issueLinkType',
  ).catch(() => ({ issueLinkTypes: [] }));
  const linkType = h(
    'select',
    { 'aria-label': 'Link type' },
    ...linkTypes.issueLinkTypes.flatMap((t) => [
      h('option', { value: `${t.name}|out` }, t.outward),
      h('option', { value: `${t.name}|in` }, t.inward),
    ]),
  );
  const linkKey = h('input', { placeholder: 'Issue key, e.g. PAY-3', 'aria-label': 'Issue to link', size: 14 });
  const addLink = h(
    'button',
    {
      onclick: async () => {
        const [type, dir] = linkType.value.split('|');
        const other = linkKey.value.trim().toUpperCase();
        if (!other) return flag('Enter the key of the issue to link.', true);
        try {
          await jira('/rest/api/3/issueLink', {
            method: 'POST',
            // Jira's REST reads {inwardIssue: A, outwardIssue: B} as "A <outward phrase> B", e.g. A blocks B.
            body: JSON.stringify(
              dir === 'out'
                ? { type: { name: type }, inwardIssue: { key: issueKey }, outwardIssue: { key: other } }
                : { type: { name: type }, inwardIssue: { key: other }, outwardIssue: { key: issueKey } },
            ),
          });
          reload();
        } catch (e) {
          flag((e as Error).message, true);
        }
      },
    },
    'Link',
  );

  const panelMod = state.session!.modules.find((m) => m.type === 'jira:issuePanel')!;
  const frame = await appFrame(panelMod.key, { issueKey }, 'panel', 'Collaboration (app)');
  const context = await issueContextPanel(issueKey);

  main.replaceChildren(
    h(
      'p',
      { className: 'note' },
      h('a', { href: `#/project/${issueKey.split('-')[0]}` }, `${issueKey.split('-')[0]} issues`),
      ` / ${issueKey}`,
    ),
    h(
      'div',
      { className: 'issue' },
      h(
        'section',
        { 'aria-label': 'Issue details' },
        h('h1', { id: 'issue-summary' }, `${issue.key} ${issue.fields.summary}`),
        h(
          'div',
          { className: 'row' },
          lozenge(issue.fields.status.statusCategory.key, issue.fields.status.name),
          transitionSel,
          !editable && h('span', { className: 'note' }, 'You can view but not edit this issue.'),
        ),
        h('h3', {}, 'Details'),
        h(
          'div',
          { className: 'fields' },
          h('span', { className: 'label' }, 'Type'),
          h('span', {}, issue.fields.issuetype?.name ?? ''),
          h('span', { className: 'label' }, 'Due date'),
          h('span', {}, issue.fields.duedate ?? 'None'),
          h('span', { className: 'label' }, 'Fix versions'),
          h('span', {}, (issue.fields.fixVersions ?? []).map((v) => v.name).join(', ') || 'None'),
          ...fields.flatMap((f) => {
            const raw = issue.fields[f.id];
            const value = (Array.isArray(raw) ? raw : raw ? [raw] : []) as UserRef[];
            return [
              h('span', { className: 'label', id: `label-${f.id}` }, f.name),
              userPicker(f, value, (next) => setField(f.id, f.multi, next), editable),
            ];
          }),
          ...escFields.flatMap((f) => [
            h('span', { className: 'label' }, f.name),
            h('span', { 'data-field': f.name }, readOnlyValue(issue.fields[f.id])),
          ]),
        ),
        automationButtons(issueKey, reload),
        h('h3', {}, 'Issue links'),
        links.length === 0
          ? h('p', { className: 'note' }, 'No links.')
          : h(
              'ul',
              { id: 'links' },
              ...links.map((l) => {
                const other = l.outwardIssue ?? l.inwardIssue;
                const phrase = l.outwardIssue ? l.type.outward : l.type.inward;
                return h(
                  'li',
                  { 'data-link-id': l.id },
                  `${phrase} `,
                  h('a', { href: `#/issue/${other?.key}` }, other?.key ?? '?'),
                  ` ${other?.fields?.summary ?? ''} `,
                  editable &&
                    h(
                      'button',
                      {
                        'aria-label': `Delete link to ${other?.key}`,
                        onclick: async () => {
                          await jira(`/rest/api/3/issueLink/${l.id}`, { method: 'DELETE' }).catch((e: Error) =>
                            flag(e.message, true),
                          );
                          reload();
                        },
                      },
                      'Delete',
                    ),
                );
              }),
            ),
        editable && h('div', { className: 'row' }, 'This issue', linkType, linkKey, addLink),
      ),
      h('aside', { className: 'panel', 'aria-label': 'App panel' }, context, h('header', {}, 'Collaboration'), frame),
    ),
  );
}
