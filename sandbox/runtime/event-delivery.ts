import type { SandboxClock } from './clock';
import type { ProductionConditions } from './conditions';

/** One product event for one `trigger` module: what the host hands over to be delivered. */
export interface DeliveryJob {
  /** The trigger's key and the event type, for the log. */
  label: string;
  /** Runs the trigger's function once, with `extra` added to the event; resolves with what the function returned. */
  invoke(extra: Record<string, unknown>): Promise<unknown>;
}

interface Pending {
  dueAt: number;
  seq: number;
  job: DeliveryJob;
  /** 0 for a first delivery (or a duplicate), n for the n-th retry. */
  attempt: number;
  extra: Record<string, unknown>;
}

/** Forge caps `retryAfter` of an InvocationError at 900 seconds and raises anything below 1 to 1. */
const MAX_RETRY_AFTER_S = 900;
const MIN_RETRY_AFTER_S = 1;

/** What a function returns to ask for a retry: `new InvocationError(options)` of `@forge/events` serialises so. */
function retryRequest(result: unknown): { retryAfter: number; retryReason: string; retryData: unknown } | null {
  if (!result || typeof result !== 'object' || (result as { _retry?: unknown })._retry !== true) return null;
  const o = ((result as { retryOptions?: Record<string, unknown> }).retryOptions ?? {}) as Record<string, unknown>;
  const after = typeof o.retryAfter === 'number' ? o.retryAfter : MIN_RETRY_AFTER_S;
  return {
    retryAfter: Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, after)),
    retryReason: typeof o.retryReason === 'string' ? o.retryReason : 'FUNCTION_RETRY_REQUEST',
    retryData: o.retryData,
  };
}

/**
 * Product event delivery as Forge does it under production conditions: each event reaches each trigger late (up
 * to a few minutes of sandbox time), so events overtake one another, and sometimes twice. A function that returns
 * an `InvocationError` is called again after its `retryAfter` (1 to 900 s), one that throws after a backoff (a
 * platform-level error), with `retryContext: { retryCount, retryReason, retryData }` in the event, at most
 * `eventMaxRetries` times. Due deliveries start on a real-time timer as the sandbox clock reaches them, or at once
 * when the clock is moved past them (`pump`, `drain`). While `conditions()` is null, `submit` declines and the
 * host delivers at once, as before.
 * @see https://developer.atlassian.com/platform/forge/events-reference/product_events/
 */
export class EventDelivery {
  private readonly queue: Pending[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Deliveries made, duplicates and retries included: for tests and the shell. */
  readonly stats = { delivered: 0, duplicated: 0, retried: 0, gaveUp: 0 };

  constructor(
    private readonly clock: SandboxClock,
    private readonly conditions: () => ProductionConditions | null,
  ) {}

  /** Takes a delivery over; false when the sandbox is kind and the caller should deliver at once. */
  submit(job: DeliveryJob): boolean {
    const c = this.conditions();
    if (!c) return false;
    const now = this.clock.now();
    this.enqueue(now + c.eventDelay(), job, 0, {});
    if (c.chance('event-duplicate', c.options.eventDuplicateRate)) {
      this.stats.duplicated += 1;
      this.enqueue(now + c.eventDelay(), job, 0, {});
    }
    return true;
  }

  private enqueue(dueAt: number, job: DeliveryJob, attempt: number, extra: Record<string, unknown>): void {
    this.queue.push({ dueAt, seq: this.seq++, job, attempt, extra });
    this.queue.sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    this.arm();
  }

  /** The sandbox time the next waiting delivery is due, or null when none waits. */
  nextDue(): number | null {
    return this.queue[0]?.dueAt ?? null;
  }

  /** Nothing waiting and nothing running. */
  get idle(): boolean {
    return this.queue.length === 0 && this.inFlight.size === 0;
  }

  /** A delivery has started and not yet finished. */
  get running(): boolean {
    return this.inFlight.size > 0;
  }

  /** Starts every delivery whose time has come, in due order; they run concurrently, as Forge's invocations do. */
  pump(): void {
    const now = this.clock.now();
    while (this.queue.length > 0 && (this.queue[0]?.dueAt ?? Number.POSITIVE_INFINITY) <= now) {
      const next = this.queue.shift()!;
      this.start(next);
    }
    this.arm();
  }

  /** Resolves when every delivery started so far has finished (retries it scheduled wait in the queue). */
  async settleInFlight(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private start(p: Pending): void {
    this.stats.delivered += 1;
    const run = p.job
      .invoke(p.extra)
      .then(
        (result) => {
          const retry = retryRequest(result);
          if (retry) this.retry(p, retry.retryAfter * 1000, retry.retryReason, retry.retryData);
        },
        (e: unknown) => {
          console.error(`[sandbox] trigger ${p.job.label} failed:`, e instanceof Error ? e.message : e);
          const c = this.conditions();
          const base = c?.options.eventRetryBaseMs ?? 30_000;
          this.retry(p, base * 2 ** p.attempt, 'FUNCTION_PLATFORM_UNKNOWN_ERROR', undefined);
        },
      )
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private retry(p: Pending, afterMs: number, reason: string, data: unknown): void {
    const c = this.conditions();
    if (!c || p.attempt >= c.options.eventMaxRetries) {
      if (c) {
        this.stats.gaveUp += 1;
        console.error(`[sandbox] trigger ${p.job.label}: no retry left after ${p.attempt} retries`);
      }
      return;
    }
    this.stats.retried += 1;
    const retryContext = { retryCount: p.attempt + 1, retryReason: reason, retryData: data };
    this.enqueue(this.clock.now() + afterMs, p.job, p.attempt + 1, { retryContext });
  }

  /** A real-time timer for the earliest waiting delivery, so `npm start` delivers late events without help. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.nextDue();
    if (due === null) return;
    const wait = Math.max(0, Math.min(due - this.clock.now(), 2 ** 31 - 1));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, wait);
    this.timer.unref?.();
  }

  /** Stops the timer; waiting deliveries are dropped with the sandbox. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }
}
