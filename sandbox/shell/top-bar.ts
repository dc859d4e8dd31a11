import { applyTheme } from './app-frame';
import { clockControl } from './clock';
import { h } from './dom';
import { state, type Session } from './state';

/** What the top bar's controls ask of the page: switching user starts over, locale and clock re-render. */
export interface TopBarCallbacks {
  onUserChange: () => void;
  onLocaleChange: () => void;
  onClockMoved: () => void;
}

export function topBar(session: Session, callbacks: TopBarCallbacks) {
  /** A select whose choice is kept in `state` and across reloads. */
  const switcher = (
    id: string,
    setting: 'user' | 'locale',
    changed: () => void,
    options: Array<[value: string, label: string]>,
  ) =>
    h(
      'select',
      {
        id,
        onchange: (e: Event) => {
          state[setting] = (e.target as HTMLSelectElement).value;
          localStorage.setItem(`sbx.${setting}`, state[setting]);
          changed();
        },
      },
      ...options.map(([value, label]) => h('option', { value, selected: value === state[setting] }, label)),
    );
  const userSel = switcher(
    'user-switcher',
    'user',
    callbacks.onUserChange,
    session.users.map((u) => [u.accountId, u.displayName]),
  );
  const localeSel = switcher('locale-switcher', 'locale', callbacks.onLocaleChange, [
    ['en_US', 'English'],
    ['zh_CN', '中文（简体）'],
  ]);
  const themeBtn = h(
    'button',
    {
      id: 'theme-toggle',
      'aria-pressed': state.theme === 'dark',
      onclick: () => {
        state.theme = state.theme === 'dark' ? 'light' : 'dark';
        localStorage.setItem('sbx.theme', state.theme);
        themeBtn.textContent = state.theme === 'dark' ? 'Light theme' : 'Dark theme';
        themeBtn.setAttribute('aria-pressed', String(state.theme === 'dark'));
        applyTheme();
      },
    },
    state.theme === 'dark' ? 'Light theme' : 'Dark theme',
  );
  return h(
    'header',
    { className: 'top' },
    h('span', { className: 'brand' }, 'Jira', h('small', {}, 'offline sandbox')),
    ...(session.productionConditions
      ? [
          h(
            'span',
            {
              className: 'prod-badge',
              id: 'production-conditions',
              title:
                'Production conditions: events late, out of order and twice; queries and JQL lag behind writes; some Jira calls answered 429 or 503',
            },
            `Production conditions · seed ${session.productionConditions.seed}`,
          ),
        ]
      : []),
    clockControl(session.now, callbacks.onClockMoved),
    h('label', {}, 'Acting as', userSel),
    h('label', {}, 'Language', localeSel),
    themeBtn,
  );
}
