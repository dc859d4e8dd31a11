import { jira } from './api';
import { h } from './dom';
import type { UserRef } from './state';

/** The people in a user field as chips, with a search box to add one (or more, for a list field) when editable. */
export function userPicker(
  field: { id: string; name: string; multi: boolean },
  value: UserRef[],
  onChange: (next: UserRef[]) => Promise<void>,
  editable: boolean,
) {
  const wrap = h('div', { className: 'picker', 'data-field': field.name });
  const input = h('input', {
    type: 'search',
    placeholder: 'Add person…',
    'aria-label': `Add ${field.name}`,
    autocomplete: 'off',
  });
  const suggest = h('div', { className: 'suggest', role: 'listbox', hidden: true });
  const render = () => {
    wrap.replaceChildren(
      ...value.map((u) =>
        h(
          'span',
          { className: 'chip', 'data-account-id': u.accountId },
          u.displayName ?? u.accountId,
          editable &&
            h(
              'button',
              {
                'aria-label': `Remove ${u.displayName ?? u.accountId} from ${field.name}`,
                onclick: () => void onChange(value.filter((v) => v.accountId !== u.accountId)),
              },
              '×',
            ),
        ),
      ),
      value.length === 0 ? h('span', { className: 'note' }, 'None') : '',
      editable && (field.multi || value.length === 0) ? input : '',
      editable && (field.multi || value.length === 0) ? suggest : '',
    );
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) {
        suggest.hidden = true;
        return;
      }
      const users = await jira<Array<{ accountId: string; displayName: string }>>(
        `/rest/api/3/user/search?query=${encodeURIComponent(q)}&maxResults=8`,
      );
      suggest.replaceChildren(
        ...users.map((u) =>
          h(
            'button',
            {
              role: 'option',
              onclick: () => {
                suggest.hidden = true;
                input.value = '';
                void onChange(field.multi ? [...value.filter((v) => v.accountId !== u.accountId), u] : [u]);
              },
            },
            u.displayName,
          ),
        ),
        users.length === 0 ? h('span', { className: 'note' }, 'No matches') : '',
      );
      suggest.hidden = false;
    }, 150);
  });
  render();
  return wrap;
}
