import { sandboxApi } from './api';
import { flag, h } from './dom';
import { state } from './state';

export function fmtClock(ms: number) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: state.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(
    ms,
  );
}

/** The sandbox time, and buttons that move it forward (running the scheduled triggers due on the way). */
export function clockControl(now: number, onMoved: () => void) {
  const clockEl = h('span', { className: 'clock', 'aria-live': 'polite' });
  const advance = (hours: number, label: string) =>
    h(
      'button',
      {
        'data-advance': hours,
        title: `Move the sandbox clock forward ${label}; scheduled triggers run on the way`,
        onclick: async () => {
          const r = await sandboxApi<{ now: number; scheduledRuns: number }>('clock/advance', { hours });
          clockEl.textContent = fmtClock(r.now);
          flag(`Clock moved ${label}; ${r.scheduledRuns} scheduled run(s).`);
          onMoved();
        },
      },
      `+${label}`,
    );
  clockEl.textContent = fmtClock(now);
  return h('label', {}, 'Sandbox time', clockEl, advance(1, '1h'), advance(24, '1d'), advance(24 * 7, '1w'));
}
