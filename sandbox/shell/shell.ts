/**
 * The sandbox's Jira-like shell: projects, issues with their fields (the app's RACI fields editable with a
 * user picker), transitions and links, the app's issue panel and project page in iframes, a user switcher
 * and the sandbox clock. It talks to the sandbox's Jira REST API as the chosen user, like Jira's own UI.
 * This is the entry the server bundles; each view is a module beside it.
 */
import { sandboxApi } from './api';
import { applyTheme } from './app-frame';
import { flag, h } from './dom';
import { invocationsDrawer, refreshInvocations } from './invocation-log';
import { issueView } from './issue-view';
import { projectIssues } from './issue-list';
import { renderNav } from './nav';
import { adminPage, projectPage, projectSettings } from './project-pages';
import { COLLAB_HASH, collabPage, followNavigation } from './global-pages';
import { state, type Session } from './state';
import { topBar } from './top-bar';

const root = document.getElementById('root')!;
const main = h('main', { id: 'main' });
const nav = h('nav', { 'aria-label': 'Projects' });

addEventListener(
  'message',
  (
    e: MessageEvent<{
      type?: string;
      frameId?: string;
      height?: number;
      flag?: { title?: string; description?: string };
    }>,
  ) => {
    const d = e.data;
    if (d?.type === 'sandbox:resize' && d.frameId) {
      const f = document.querySelector<HTMLIFrameElement>(`iframe[data-frame="${d.frameId}"]`);
      if (f && d.height) f.style.height = `${Math.max(120, d.height)}px`;
    } else if (d?.type === 'sandbox:flag' && d.flag) {
      flag([d.flag.title, d.flag.description].filter(Boolean).join(': '));
    } else if (d?.type === 'sandbox:navigate') {
      followNavigation((d as { location?: unknown }).location);
    } else if (d?.type === 'sandbox:invocation') {
      void refreshInvocations();
    }
  },
);

async function route() {
  const hash = location.hash || '';
  try {
    const issue = /^#\/issue\/([A-Z][A-Z0-9_]*-\d+)$/.exec(hash);
    const page = /^#\/project\/([A-Z][A-Z0-9_]*)\/page$/.exec(hash);
    const issues = /^#\/project\/([A-Z][A-Z0-9_]*)$/.exec(hash);
    const settings = /^#\/project\/([A-Z][A-Z0-9_]*)\/settings\/([a-z0-9-]+)$/.exec(hash);
    if (issue) await issueView(main, issue[1]!);
    else if (page) await projectPage(main, page[1]!);
    else if (issues) await projectIssues(main, issues[1]!);
    else if (settings) await projectSettings(main, settings[1]!, settings[2]!);
    else if (hash === '#/admin') await adminPage(main);
    else if (hash === COLLAB_HASH) await collabPage(main);
    else {
      const first = nav.querySelector<HTMLAnchorElement>('a[href^="#/project/"]');
      if (first) location.hash = first.getAttribute('href')!;
      else main.replaceChildren(h('p', { className: 'note' }, 'No project to show.'));
      return;
    }
    main.append(invocationsDrawer());
  } catch (e) {
    main.replaceChildren(h('p', { className: 'error', role: 'alert' }, (e as Error).message));
  }
  for (const a of nav.querySelectorAll('a'))
    a.setAttribute('aria-current', a.getAttribute('href') === hash ? 'page' : 'false');
}

async function boot() {
  applyTheme();
  const session = await sandboxApi<Session>('session');
  state.session = session;
  if (!session.users.some((u) => u.accountId === state.user)) state.user = session.users[0]?.accountId ?? '';
  root.replaceChildren(
    topBar(session, {
      onUserChange: () => void boot(),
      onLocaleChange: () => void route(),
      onClockMoved: () => void route(),
    }),
    h('div', { className: 'layout' }, nav, main),
  );
  await renderNav(nav);
  await route();
}

addEventListener('hashchange', () => void route());
void boot().catch((e: Error) =>
  root.replaceChildren(h('p', { className: 'error', role: 'alert' }, `The sandbox failed to start: ${e.message}`)),
);

// Without an export esbuild reads the entry as CommonJS (package.json "type") and wraps every module it imports.
// biome-ignore lint/complexity/noUselessEmptyExport: esbuild needs an export to bundle the entry as ESM.
export {};
