import { view } from '@forge/bridge';

/**
 * Asks Forge to inject the Atlassian token CSS and set `data-color-mode` on <html>, so every `var(--ds-…)`
 * follows the viewer's Jira theme. Awaited before the first render to avoid a flash of unthemed content;
 * a failure leaves the tokens' light defaults, which is better than no view at all.
 */
export async function enableTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch (error: unknown) {
    console.error('Forge theming unavailable', error);
  }
}
