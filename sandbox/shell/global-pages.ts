import { appFrame } from './app-frame';
import { h } from './dom';
import { state } from './state';

// The app's `jira:globalPage` (issue 16): Jira lists it under Apps in the main navigation, for every user.

export const COLLAB_HASH = '#/apps/collaboration';

export async function collabPage(main: HTMLElement) {
  const mod = state.session!.modules.find((m) => m.type === 'jira:globalPage');
  if (!mod) {
    main.replaceChildren(h('p', { className: 'error', role: 'alert' }, 'The app declares no global page.'));
    return;
  }
  main.replaceChildren(
    h('p', { className: 'note' }, 'Apps / Collaboration'),
    await appFrame(mod.key, {}, 'page', 'Collaboration (app)'),
  );
}

/**
 * `router.navigate` / `router.open` from an app frame: Jira opens the work item (in this tab or a new one).
 * The sandbox follows `{ target: 'issue', issueKey }`, the one location the app uses.
 */
export function followNavigation(location: unknown) {
  const l = location as { target?: string; issueKey?: string; type?: string } | undefined;
  if (l?.target !== 'issue' || !l.issueKey || !/^[A-Z][A-Z0-9_]*-\d+$/.test(l.issueKey)) return;
  const hash = `#/issue/${l.issueKey}`;
  if (l.type === 'new-tab') window.open(hash, '_blank', 'noopener');
  else window.location.hash = hash;
}
