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
  const userSel = h(
    'select',
    {
      id: 'user-switcher',
      onchange: (e: Event) => {
        state.user = (e.target as HTMLSelectElement).value;
        localStorage.setItem('sbx.user', state.user);
        callbacks.onUserChange();
      },
    },
    ...session.users.map((u) => h('option', { value: u.accountId, selected: u.accountId === state.user }, u.displayName)),
  );
  const localeSel = h(
    'select',
    {
      id: 'locale-switcher',
      onchange: (e: Event) => {
        state.locale = (e.target as HTMLSelectElement).value;
        localStorage.setItem('sbx.locale', state.locale);
        callbacks.onLocaleChange();
      },
    },
    h('option', { value: 'en_US', selected: state.locale === 'en_US' }, 'English'),
    h('option', { value: 'zh_CN', selected: state.locale === 'zh_CN' }, '中文（简体）'),
  );
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
    clockControl(session.now, callbacks.onClockMoved),
    h('label', {}, 'Acting as', userSel),
    h('label', {}, 'Language', localeSel),
    themeBtn,
  );
}
