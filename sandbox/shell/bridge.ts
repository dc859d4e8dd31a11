/**
 * The Forge bridge as the sandbox's host page provides it to a Custom UI iframe: `window.__bridge.callBridge`,
 * which `@forge/bridge` calls for invoke, getContext, theming, requestJira and the rest. Served as
 * /__sandbox/bridge.js and loaded before the app's own code, as Jira's host does.
 */
const DATA_THEME = 'dark:dark light:light spacing:spacing typography:typography shape:shape';
const frameId = new URLSearchParams(location.search).get('frame') ?? '';

async function host<T>(name: string, payload?: unknown): Promise<T> {
  const res = await fetch(`/__sandbox/bridge/${frameId}`, { method: 'POST', body: JSON.stringify({ name, payload }) });
  const json = (await res.json()) as { result?: T; error?: string; invocation?: unknown };
  if (!res.ok) throw new Error(json.error ?? `bridge call ${name} failed with ${res.status}`);
  if (json.invocation) parent.postMessage({ type: 'sandbox:invocation', frameId, invocation: json.invocation }, '*');
  return json.result as T;
}

function applyTheme(mode: string, css?: string) {
  const html = document.documentElement;
  html.setAttribute('data-color-mode', mode);
  html.setAttribute('data-theme', DATA_THEME);
  if (css && !document.getElementById('sandbox-tokens')) {
    const style = document.createElement('style');
    style.id = 'sandbox-tokens';
    style.textContent = css;
    document.head.appendChild(style);
  }
}

let themingEnabled = false;
let flagSeq = 0;

(window as unknown as { __bridge: unknown }).__bridge = {
  async callBridge(name: string, payload?: Record<string, unknown>) {
    switch (name) {
      case 'enableTheming': {
        const { colorMode, css } = await host<{ colorMode: string; css: string }>('enableTheming');
        applyTheme(colorMode, css);
        themingEnabled = true;
        return undefined;
      }
      case 'showFlag': {
        const id = String(payload?.id ?? `flag-${++flagSeq}`);
        parent.postMessage({ type: 'sandbox:flag', frameId, flag: { ...payload, id } }, '*');
        return { id };
      }
      case 'closeFlag':
      case 'emitReadyEvent':
      case 'emitFrontendCustomMetric':
        return true;
      case 'navigate':
      case 'open':
        parent.postMessage({ type: 'sandbox:navigate', frameId, location: payload }, '*');
        return true;
      case 'reload':
      case 'refresh':
        location.reload();
        return true;
      case 'on':
      case 'onPublic':
        return { unsubscribe: () => undefined };
      default:
        return host(name, payload);
    }
  },
};

addEventListener('message', (e: MessageEvent<{ type?: string; mode?: string }>) => {
  if (e.source === parent && e.data?.type === 'sandbox:theme' && themingEnabled && e.data.mode) applyTheme(e.data.mode);
});

// Jira sizes a Custom UI panel to its content; the sandbox's shell does the same from these messages.
// Measured from the content's own boxes: <html> and often <body> are as tall as the iframe, so they never shrink.
addEventListener('DOMContentLoaded', () => {
  let last = 0;
  const report = () => {
    let bottom = 0;
    for (const el of document.body.querySelectorAll('*')) bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
    const height = Math.ceil(bottom + scrollY) + 8;
    if (height !== last) parent.postMessage({ type: 'sandbox:resize', frameId, height: (last = height) }, '*');
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      report();
    });
  };
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  new ResizeObserver(schedule).observe(document.body);
  addEventListener('load', schedule);
  schedule();
});

export {};
