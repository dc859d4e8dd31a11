import { randomUUID } from 'node:crypto';
import type { SandboxClock } from './clock';

/**
 * Forge's async events in a box: the endpoint `@forge/events`' `Queue.push` posts to, and the delivery of each
 * event to the `consumer` module that names its queue, with Forge's documented limits and retry behaviour:
 * - at most 50 events and 200 KB per push, `delayInSeconds` 0-900, 500 events a minute per installation
 *   (answered 413 / 400 / 429 as the SDK expects them);
 * - an event runs no sooner than its delay, as one invocation of the consumer's function with
 *   `(AsyncEvent, context)`, several at once;
 * - a consumer that returns an `InvocationError` (`{ _retry: true, retryOptions }`) gets the event again after
 *   `retryAfter` seconds with `retryContext` ({ retryCount, retryReason, retryData }); one that throws or times
 *   out is retried too (reason FUNCTION_PLATFORM_UNKNOWN_ERROR); after MAX_RETRIES the event is dropped, as
 *   Forge drops it, and listed in `dropped` for tests.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
 * @see https://developer.atlassian.com/platform/forge/limits-async-events
 */

export interface ConsumerModule {
  key: string;
  queue: string;
  function: string;
}

export interface AsyncEvent {
  body: Record<string, unknown>;
  delayInSeconds?: number;
  queueName: string;
  jobId: string;
  eventId: string;
  retryContext?: { retryCount: number; retryReason: string; retryData: unknown };
}

interface Waiting {
  at: number;
  seq: number;
  consumer: ConsumerModule;
  event: AsyncEvent;
}

export interface AsyncQueueOptions {
  consumers: readonly ConsumerModule[];
  clock: SandboxClock;
  /** Runs the consumer's function as one invocation (the host's bookkeeping), returning what it returned. */
  invoke: (consumer: ConsumerModule, event: AsyncEvent) => Promise<unknown>;
}

/** Forge stops retrying an event after this many retries (the SDK's retryContext counts them). */
export const MAX_RETRIES = 4;
const MAX_EVENTS_PER_PUSH = 50;
const MAX_PUSH_BYTES = 200 * 1024;
const MAX_EVENTS_PER_MINUTE = 500;
const MAX_DELAY_S = 900;
/** How soon an event whose invocation threw comes back (Forge does not document it; a minute here). */
const RETRY_AFTER_FAILURE_S = 60;
/** Events delivered at once. */
const CONCURRENCY = 32;

const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });

export class AsyncQueue {
  /** Events Forge gave up on after MAX_RETRIES, with why. */
  readonly dropped: Array<{ event: AsyncEvent; reason: string }> = [];
  /** Every event pushed, for tests and benches. */
  pushed = 0;
  private readonly waiting: Waiting[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly pushTimes: number[] = [];
  private seq = 0;

  constructor(private readonly opts: AsyncQueueOptions) {}

  /** `POST /webhook/queue/publish/...` from `Queue.push`: validates as Forge does, then enqueues. */
  publish(path: string, raw: string): { status: number; body: string } {
    if (!path.startsWith('/webhook/queue/publish/')) return json(404, { message: `no queue endpoint ${path}` });
    let req: { queueName?: unknown; jobId?: unknown; payload?: unknown };
    try {
      req = JSON.parse(raw) as typeof req;
    } catch {
      return json(400, { message: 'the body is not JSON' });
    }
    const events = Array.isArray(req.payload) ? (req.payload as Array<Record<string, unknown>>) : [];
    const consumer = this.opts.consumers.find((c) => c.queue === req.queueName);
    if (!consumer) return json(400, { message: `no consumer module listens on queue '${String(req.queueName)}'` });
    if (events.length === 0) return json(400, { message: 'No events pushed.' });
    if (events.length > MAX_EVENTS_PER_PUSH)
      return json(400, { message: `This push contains more than the ${MAX_EVENTS_PER_PUSH} events allowed.` });
    if (Buffer.byteLength(JSON.stringify(events)) > MAX_PUSH_BYTES)
      return json(413, { errorMessage: 'The maximum payload size is 200KB.' });
    const now = this.opts.clock.now();
    while (this.pushTimes.length && this.pushTimes[0]! <= now - 60_000) this.pushTimes.shift();
    if (this.pushTimes.length + events.length > MAX_EVENTS_PER_MINUTE)
      return json(429, { message: 'Too many requests.' });
    for (const e of events) {
      const delay = Number(e.delayInSeconds ?? 0);
      if (!(delay >= 0 && delay <= MAX_DELAY_S))
        return json(400, { message: 'The delayInSeconds setting must be between 0 and 900.' });
      if (typeof e.body !== 'object' || e.body === null || Array.isArray(e.body))
        return json(400, { message: 'Event body must be an object.' });
    }
    for (const e of events) {
      this.pushTimes.push(now);
      this.pushed += 1;
      const event: AsyncEvent = {
        body: e.body as Record<string, unknown>,
        ...(e.delayInSeconds ? { delayInSeconds: Number(e.delayInSeconds) } : {}),
        queueName: consumer.queue,
        jobId: String(req.jobId ?? randomUUID()),
        eventId: randomUUID(),
      };
      this.enqueue(now + Number(e.delayInSeconds ?? 0) * 1000, consumer, event);
    }
    this.pump();
    return json(201, {});
  }

  private enqueue(at: number, consumer: ConsumerModule, event: AsyncEvent): void {
    this.waiting.push({ at, seq: this.seq++, consumer, event });
  }

  /** When the next waiting event is due (sandbox time), or null. */
  nextAt(): number | null {
    let min: number | null = null;
    for (const w of this.waiting) if (min === null || w.at < min) min = w.at;
    return min;
  }

  /** Starts every event that is due now, up to the concurrency limit. */
  pump(): void {
    const now = this.opts.clock.now();
    const due = this.waiting.filter((w) => w.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const w of due) {
      if (this.running.size >= CONCURRENCY) return;
      this.waiting.splice(this.waiting.indexOf(w), 1);
      const p = this.deliver(w).finally(() => {
        this.running.delete(p);
        this.pump();
      });
      this.running.add(p);
    }
  }

  private async deliver(w: Waiting): Promise<void> {
    let outcome: { retryAfter: number; reason: string; data: unknown } | null = null;
    try {
      const out = (await this.opts.invoke(w.consumer, w.event)) as
        | { _retry?: boolean; retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } }
        | undefined;
      if (out?._retry) {
        outcome = {
          retryAfter: Math.min(MAX_DELAY_S, Math.max(1, Number(out.retryOptions?.retryAfter ?? 1))),
          reason: out.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
          data: out.retryOptions?.retryData,
        };
      }
    } catch (e) {
      outcome = { retryAfter: RETRY_AFTER_FAILURE_S, reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', data: String(e) };
    }
    if (!outcome) return;
    const retryCount = (w.event.retryContext?.retryCount ?? 0) + 1;
    if (retryCount > MAX_RETRIES) {
      this.dropped.push({ event: w.event, reason: outcome.reason });
      return;
    }
    this.enqueue(this.opts.clock.now() + outcome.retryAfter * 1000, w.consumer, {
      ...w.event,
      retryContext: { retryCount, retryReason: outcome.reason, retryData: outcome.data ?? null },
    });
  }

  /** Whether anything is running or due now. */
  get busy(): boolean {
    const now = this.opts.clock.now();
    return this.running.size > 0 || this.waiting.some((w) => w.at <= now);
  }

  /** Resolves when nothing due now is waiting or running (delayed events wait for the clock). */
  async settle(): Promise<void> {
    this.pump();
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
      this.pump();
    }
  }
}
