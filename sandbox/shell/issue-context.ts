import { appFrame } from './app-frame';
import { h } from './dom';
import { state } from './state';

/**
 * The app's `jira:issueContext` on the issue view (issue 16): Jira puts it under the fields on the right as a
 * collapsible panel titled by the module; the sandbox shows it expanded, the way a user who opened it once sees
 * it again. Nothing when the app declares none.
 */
export async function issueContextPanel(issueKey: string): Promise<HTMLElement | ''> {
  const mod = state.session!.modules.find((m) => m.type === 'jira:issueContext');
  if (!mod) return '';
  const title = mod.title ?? mod.key;
  const frame = await appFrame(mod.key, { issueKey }, 'context', `${title} (app context)`);
  return h('details', { className: 'issue-context', open: true }, h('summary', {}, title), frame);
}
