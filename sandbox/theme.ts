import { createRequire } from 'node:module';

const require_ = createRequire(__filename);
const THEMES = [
  'atlassian-light',
  'atlassian-dark',
  'atlassian-spacing',
  'atlassian-typography',
  'atlassian-shape',
] as const;

let css: string | null = null;

/** The `data-theme` attribute value Jira sets on <html>: every theme the CSS below is scoped to. */
export const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';

/**
 * The design-token CSS Jira's host page injects into a Custom UI iframe after `view.theme.enable()`.
 * Both colour modes ship in one stylesheet; `data-color-mode` on <html> picks one.
 */
export function themeCss(_mode: 'light' | 'dark'): string {
  css ??= THEMES.map(
    (t) => (require_(`@atlaskit/tokens/dist/cjs/artifacts/themes/${t}.js`) as { default: string }).default,
  ).join('\n');
  return css;
}
