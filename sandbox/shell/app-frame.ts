import { sandboxApi } from './api';
import { h } from './dom';
import { state } from './state';

/** Sets the page's colour mode and tells every app frame, as Jira does when the user switches theme. */
export function applyTheme() {
  document.documentElement.setAttribute('data-color-mode', state.theme);
  document.documentElement.setAttribute(
    'data-theme',
    'dark:dark light:light spacing:spacing typography:typography shape:shape',
  );
  for (const f of document.querySelectorAll('iframe'))
    f.contentWindow?.postMessage({ type: 'sandbox:theme', mode: state.theme }, '*');
}

/** An app module in an iframe, as Jira hosts Custom UI, with the user's locale, theme and time zone. */
export async function appFrame(
  moduleKey: string,
  where: { issueKey?: string; projectKey?: string; route?: string },
  className: string,
  title: string,
) {
  const { src, frameId } = await sandboxApi<{ src: string; frameId: string }>('frames', {
    moduleKey,
    ...where,
    locale: state.locale,
    theme: state.theme,
    timezone: state.timezone,
  });
  const frame = h('iframe', { className: `app ${className}`, src, title, 'data-frame': frameId });
  return frame;
}
