import { appFrame } from './app-frame';
import { h } from './dom';
import { state } from './state';

// Jira's Dashboards page (issue 16): the app's `jira:dashboardGadget` modules, each in a gadget frame with its title.

export const DASHBOARDS_HASH = '#/dashboards';

export async function dashboardsPage(main: HTMLElement) {
  const gadgets = state.session!.modules.filter((m) => m.type === 'jira:dashboardGadget');
  const frames = await Promise.all(
    gadgets.map(async (g) => {
      const title = g.title ?? g.key;
      return h(
        'section',
        { className: 'gadget', 'aria-label': title },
        h('h2', {}, title),
        await appFrame(g.key, {}, 'gadget', `${title} (gadget)`),
      );
    }),
  );
  main.replaceChildren(
    h('h1', {}, 'Dashboards / Default dashboard'),
    gadgets.length === 0 ? h('p', { className: 'note' }, 'The app declares no dashboard gadget.') : '',
    h('div', { className: 'gadgets' }, ...frames),
  );
}
