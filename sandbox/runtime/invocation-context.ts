import { AsyncLocalStorage } from 'node:async_hooks';

export type InvocationKind =
  | 'resolver'
  | 'trigger'
  | 'scheduledTrigger'
  | 'webtrigger'
  | 'workflowValidator'
  | 'automationAction';

/** What the sandbox records about one function invocation, as Forge would bill and limit it. */
export interface InvocationRecord {
  id: number;
  kind: InvocationKind;
  moduleKey: string;
  functionKey: string;
  /** The resolver function name, the event type, or the HTTP method. */
  detail: string;
  accountId: string | null;
  kvsOps: number;
  /** Jira calls Jira answered; those production conditions refused before Jira saw them are `refusedJiraCalls`. */
  jiraCalls: number;
  /** Jira calls answered 429 or 503 by production conditions (sandbox/jira/faults.ts), retried or not. */
  refusedJiraCalls?: number;
  startedAt: number;
  durationMs: number;
  ok: boolean;
  error?: string;
}

export interface InvocationState {
  record: InvocationRecord;
}

/** Carries the acting user and the call counters through every await of one invocation. */
export const invocationStore = new AsyncLocalStorage<InvocationState>();

/** Marks Jira requests made by the app, so the events they cause arrive with `selfGenerated` set. */
export const appRequestStore = new AsyncLocalStorage<{ fromApp: true }>();
