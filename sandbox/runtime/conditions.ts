/**
 * Production conditions: the unkind parts of Forge and Jira Cloud that the sandbox leaves out by default, as one
 * seeded, deterministic fault model. The same seed and the same calls give the same delays, duplicates, lags and
 * refusals, so a failure found with a seed can be run again. Sources for each behaviour: docs/platform-facts.md.
 */
export interface ConditionOptions {
  /** Product events: the longest a delivery is late, in sandbox ms (Forge: "possibly minutes late"). */
  eventMaxDelayMs: number;
  /** Share of deliveries that arrive a second time (at-least-once delivery). */
  eventDuplicateRate: number;
  /** Retries Forge makes of a failed product-event invocation (the docs: at most four). */
  eventMaxRetries: number;
  /** First pause before retrying an invocation that threw (a platform-level error); doubles each retry. */
  eventRetryBaseMs: number;
  /** KVS and Custom Entity Store queries: the longest a write takes to show in a query, in sandbox ms. */
  kvsQueryLagMs: number;
  /** How long an item stays readable after its TTL has passed, in sandbox ms (the docs: up to 48 hours). */
  kvsExpiredReadableMs: number;
  /** The transaction and batch payload cap in bytes (4 MB documented; 1 MB while FRGE-1916 stands). */
  kvsMaxPayloadBytes: number;
  /** Jira JQL search: the longest a write takes to show in a search result, in sandbox ms. */
  jqlLagMs: number;
  /** Share of the app's Jira calls answered 429 with Retry-After before Jira does anything. */
  jiraThrottleRate: number;
  /** The Retry-After of those 429s, in seconds. */
  jiraRetryAfterSeconds: number;
  /** Share of the app's Jira reads (GET, search, bulk fetch) answered 503 before Jira does anything. */
  jiraServerErrorRate: number;
  /**
   * Share of the app's Jira writes answered 503 before Jira does anything. 0 by default: after a 5xx on a write
   * the caller cannot know whether it happened, which the fault tests model case by case.
   */
  jiraWriteServerErrorRate: number;
}

/** What `--production-conditions` and the test run use unless told otherwise. */
export const DEFAULT_CONDITIONS: ConditionOptions = {
  eventMaxDelayMs: 3 * 60_000,
  eventDuplicateRate: 0.2,
  eventMaxRetries: 4,
  eventRetryBaseMs: 30_000,
  kvsQueryLagMs: 2_000,
  kvsExpiredReadableMs: 15 * 60_000,
  kvsMaxPayloadBytes: 1024 * 1024,
  jqlLagMs: 5_000,
  jiraThrottleRate: 0.01,
  jiraRetryAfterSeconds: 1,
  jiraServerErrorRate: 0.02,
  jiraWriteServerErrorRate: 0,
};

/** The seed `npm start -- --production-conditions` uses without `--seed`. */
export const DEFAULT_SEED = 20261203;

/** mulberry32: a small, fast PRNG with a 32-bit state; enough for fault injection, not for secrets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The fault model of one sandbox: its options and one random stream per concern, so that more Jira calls do not
 * change which events are late (each stream is seeded from the seed and the concern's name).
 */
export class ProductionConditions {
  readonly options: ConditionOptions;
  private readonly streams = new Map<string, () => number>();

  constructor(
    readonly seed: number,
    overrides: Partial<ConditionOptions> = {},
  ) {
    this.options = { ...DEFAULT_CONDITIONS, ...overrides };
  }

  /** A number in [0, 1) from the stream named `concern`. */
  random(concern: string): number {
    let next = this.streams.get(concern);
    if (!next) {
      let h = this.seed >>> 0;
      for (const c of concern) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
      next = prng(h);
      this.streams.set(concern, next);
    }
    return next();
  }

  chance(concern: string, rate: number): boolean {
    return rate > 0 && this.random(concern) < rate;
  }

  /**
   * How late one delivery is: most within seconds, a few near the maximum (a cube skews the draw toward 0),
   * as a busy event bus is usually quick and sometimes minutes behind.
   */
  eventDelay(): number {
    return Math.round(this.options.eventMaxDelayMs * this.random('event-delay') ** 3);
  }

  /** How long one write takes to show in a query of `view`. */
  queryLag(view: 'kvs' | 'jira'): number {
    const max = view === 'kvs' ? this.options.kvsQueryLagMs : this.options.jqlLagMs;
    return Math.round(max * this.random(`lag-${view}`));
  }
}
