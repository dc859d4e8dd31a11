import { jira } from './api';
import { h } from './dom';
import { isJiraAdmin, isProjectAdmin } from './permissions';
import { state } from './state';
import { COLLAB_HASH } from './global-pages';

/** The sidebar: each visible project's pages, its settings pages for its admins, and the app's admin page for Jira admins. */
export async function renderNav(nav: HTMLElement) {
  nav.replaceChildren(h('p', { className: 'note' }, 'Loading projects…'));
  const [projects, admin] = await Promise.all([
    jira<{ values: Array<{ key: string; name: string }> }>('/rest/api/3/project/search?maxResults=50'),
    isJiraAdmin(),
  ]);
  const projectAdmin = await Promise.all(projects.values.map((p) => isProjectAdmin(p.key)));
  const settings = state.session!.modules.find((m) => m.type === 'jira:projectSettingsPage');
  const hash = location.hash;
  const link = (href: string, text: string) =>
    h('li', {}, h('a', { href, 'aria-current': hash === href ? 'page' : undefined }, text));
  nav.replaceChildren(
    ...projects.values.flatMap((p, i) => [
      h('h2', {}, `${p.name} (${p.key})`),
      h(
        'ul',
        {},
        link(`#/project/${p.key}`, 'Issues'),
        link(`#/project/${p.key}/page`, 'Collaboration health'),
        // Jira shows Project settings to the project's administrators; the app's pages are listed there.
        ...(projectAdmin[i] && settings
          ? (settings.pages ?? []).map((pg) =>
              link(`#/project/${p.key}/settings/${pg.route}`, `Project settings → ${pg.title}`),
            )
          : []),
      ),
    ]),
    projects.values.length === 0 ? h('p', { className: 'note' }, 'This user cannot see any project.') : '',
    // Jira lists a global page under Apps for everyone; the app's settings only for Jira admins.
    h('h2', {}, 'Apps'),
    h(
      'ul',
      {},
      state.session!.modules.some((m) => m.type === 'jira:globalPage') ? link(COLLAB_HASH, 'Collaboration') : '',
      admin
        ? h(
            'li',
            {},
            h(
              'a',
              { href: '#/admin', 'aria-current': hash === '#/admin' ? 'page' : undefined },
              'Collaboration settings',
            ),
          )
        : '',
    ),
  );
}
