import { sandboxApi } from './api';
import { h } from './dom';

const invocationsBody = h('tbody');
/** Reloads the log: each function invocation with the remote calls it made. */
export async function refreshInvocations() {
  const rows =
    await sandboxApi<
      Array<{
        id: number;
        kind: string;
        moduleKey: string;
        detail: string;
        kvsOps: number;
        jiraCalls: number;
        durationMs: number;
        ok: boolean;
        error?: string;
      }>
    >('invocations?limit=30');
  invocationsBody.replaceChildren(
    ...rows.map((r) =>
      h(
        'tr',
        {},
        h('td', {}, String(r.id)),
        h('td', {}, r.kind),
        h('td', {}, r.moduleKey),
        h('td', {}, r.detail),
        h('td', {}, String(r.kvsOps)),
        h('td', {}, String(r.jiraCalls)),
        h('td', {}, `${r.durationMs.toFixed(1)} ms`),
        h('td', { className: r.ok ? '' : 'error' }, r.ok ? 'ok' : (r.error ?? 'failed')),
      ),
    ),
  );
}

export function invocationsDrawer() {
  const d = h(
    'details',
    { className: 'invocations' },
    h('summary', {}, 'Function invocations (remote calls per invocation)'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['#', 'kind', 'module', 'detail', 'KVS ops', 'Jira calls', 'time', 'result'].map((t) => h('th', {}, t)),
        ),
      ),
      invocationsBody,
    ),
  );
  d.addEventListener('toggle', () => void refreshInvocations());
  return d;
}
