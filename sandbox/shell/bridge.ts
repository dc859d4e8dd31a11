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

/**
 * `view.createHistory()`: Jira's sidebar opens a settings page by URL; the app reads and changes the route
 * through this history (the `history` package's shape, the parts @forge/bridge and apps use). The route the
 * frame opened at comes from the shell; `push` tells the shell, which shows it in its address.
 */
function createHistory() {
  type Location = { pathname: string; search: string; hash: string; state: unknown; key: string };
  const at = (pathname: string): Location => ({
    pathname: pathname.startsWith('/') ? pathname : `/${pathname}`,
    search: '',
    hash: '',
    state: null,
    key: String(Date.now()),
  });
  const listeners = new Set<(location: Location, action: string) => void>();
  const history = {
    action: 'POP',
    location: at(new URLSearchParams(location.search).get('route') ?? ''),
    listen(fn: (location: Location, action: string) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    push(path: string) {
      history.location = at(path);
      history.action = 'PUSH';
      parent.postMessage({ type: 'sandbox:route', frameId, route: history.location.pathname }, '*');
      for (const fn of listeners) fn(history.location, 'PUSH');
    },
    replace(path: string) {
      history.location = at(path);
      history.action = 'REPLACE';
      for (const fn of listeners) fn(history.location, 'REPLACE');
    },
    go: () => undefined,
    back: () => undefined,
    forward: () => undefined,
  };
  return history;
}

let themingEnabled = false;
/** A theme the shell sent before the app enabled theming (a switch while the panel loads): applied once it does. */
let pendingMode: string | undefined;
let flagSeq = 0;

(window as unknown as { __bridge: unknown }).__bridge = {
  async callBridge(name: string, payload?: Record<string, unknown>) {
    switch (name) {
      case 'enableTheming': {
        const { colorMode, css } = await host<{ colorMode: string; css: string }>('enableTheming');
        applyTheme(pendingMode ?? colorMode, css);
        themingEnabled = true;
        pendingMode = undefined;
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
      case 'createHistory':
        return createHistory();
      case 'on':
      case 'onPublic':
        return { unsubscribe: () => undefined };
      default:
        return host(name, payload);
    }
  },
};

addEventListener('message', (e: MessageEvent<{ type?: string; mode?: string }>) => {
  if (e.source !== parent || e.data?.type !== 'sandbox:theme' || !e.data.mode) return;
  if (themingEnabled) applyTheme(e.data.mode);
  else pendingMode = e.data.mode;
});

// Jira sizes a Custom UI panel to its content; the sandbox's shell does the same from these messages.
// Measured from the content's own boxes: <html> and often <body> are as tall as the iframe, so they never shrink.
// Only the body's own children count: a descendant clipped inside a collapsed box (overflow hidden) must not
// keep the frame at its uncollapsed height.
addEventListener('DOMContentLoaded', () => {
  let last = 0;
  const report = () => {
    let bottom = 0;
    for (const el of document.body.children) bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
    const height = Math.ceil(bottom + scrollY) + 8;
    if (height !== last) {
      last = height;
      parent.postMessage({ type: 'sandbox:resize', frameId, height }, '*');
    }
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
  new MutationObserver(schedule).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    characterData: true,
  });
  new ResizeObserver(schedule).observe(document.body);
  addEventListener('load', schedule);
  schedule();
});

export {};
