import { appFrame } from './app-frame';
import { h } from './dom';
import { isJiraAdmin, isProjectAdmin } from './permissions';
import { state } from './state';

// The app's full-page modules: the project page, its project settings pages and its admin page.

export async function projectPage(main: HTMLElement, projectKey: string) {
  const mod = state.session!.modules.find((m) => m.type === 'jira:projectPage')!;
  main.replaceChildren(
    h('h1', {}, `${projectKey} · Collaboration health`),
    await appFrame(mod.key, { projectKey }, 'page', 'Collaboration health (app)'),
  );
}

export async function projectSettings(main: HTMLElement, projectKey: string, route: string) {
  const mod = state.session!.modules.find((m) => m.type === 'jira:projectSettingsPage');
  const page = mod?.pages?.find((pg) => pg.route === route);
  if (!mod || !page || !(await isProjectAdmin(projectKey))) {
    main.replaceChildren(
      h('h1', {}, 'Project settings'),
      h('p', { className: 'error', role: 'alert' }, 'Only administrators of this project can open its settings.'),
    );
    return;
  }
  main.replaceChildren(
    h('p', { className: 'note' }, `${projectKey} / Project settings / Apps / ${page.title}`),
    await appFrame(mod.key, { projectKey, route }, 'page', `${page.title} (app)`),
  );
}

export async function adminPage(main: HTMLElement) {
  const mod = state.session!.modules.find((m) => m.type === 'jira:adminPage');
  if (!mod || !(await isJiraAdmin())) {
    main.replaceChildren(
      h('h1', {}, 'Collaboration settings'),
      h('p', { className: 'error', role: 'alert' }, 'Only Jira administrators can open the settings of apps.'),
    );
    return;
  }
  main.replaceChildren(
    h('p', { className: 'note' }, 'Apps / Collaboration settings'),
    await appFrame(mod.key, {}, 'page', 'Collaboration settings (app)'),
  );
}
