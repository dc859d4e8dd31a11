import { randomUUID } from 'node:crypto';
import { appRequestStore, invocationStore, type InvocationKind, type InvocationRecord } from './invocation-context';
import { INTERVAL_MS, uiModules, type Manifest } from './manifest';
import type { SandboxClock } from './clock';
import { AsyncQueue } from './async-queue';
import type { EventDelivery } from './event-delivery';

/** What the host needs of the KVS engine (sandbox/kvs). */
export interface KvsBackend {
  handle(path: string, body: string): { status: number; body: string };
}
/** What the host needs of the Jira server (sandbox/jira). */
export interface JiraBackend {
  handle(req: {
    method: string;
    path: string;
    body?: string;
    actor: { kind: 'app' } | { kind: 'user'; accountId: string };
  }): Promise<{
    status: number;
    headers: Record<string, string>;
    body: string;
  }>;
}

export interface ProductEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

export interface HostOptions {
  manifest: Manifest;
  /** The app's handler module (src/index.ts): the exports manifest.yml names. */
  app: Record<string, unknown>;
  kvs: KvsBackend;
  jira: JiraBackend;
  clock: SandboxClock;
  cloudId: string;
  siteUrl: string;
  environmentId: string;
  /** Modelled latency per remote call, to make the sandbox feel (and measure) like the real platform. */
  latency?: { kvsMs: number; jiraMs: number };
  /** Keeps the last N invocation records. */
  keepInvocations?: number;
  /** Product event delivery under production conditions (sandbox/runtime/event-delivery.ts); at once without. */
  delivery?: EventDelivery;
}

/** The context Forge passes a UI module's resolver (`context` in `resolver.define`). */
export interface ExtensionContext {
  moduleKey: string;
  accountId: string;
  locale: string;
  timezone: string;
  issue?: { id: string; key: string; type?: string };
  project?: { id: string; key: string; type?: string };
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

function headersToRecord(h: unknown): Record<string, string> {
  if (!h) return {};
  if (h instanceof Headers) return Object.fromEntries(h.entries());
  if (Array.isArray(h)) return Object.fromEntries(h as Array<[string, string]>);
  return Object.fromEntries(Object.entries(h as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/**
 * Forge in a box: installs the globals the real SDKs call (`__forge_runtime__`, `__forge_fetch__`), runs the
 * app's handlers the way the platform does (resolver payload shape, event payloads, scheduled and web
 * triggers), and counts remote calls per invocation.
 */
/**
 * How long Forge lets a function run, by module type: resolvers (UI, workflow and Automation calls) 25 s; web
 * triggers, product-event triggers and scheduled triggers 55 s without `timeoutSeconds`.
 */
export const TIME_LIMIT_MS: Record<InvocationKind, number> = {
  resolver: 25_000,
  workflowValidator: 25_000,
  automationAction: 25_000,
  webtrigger: 55_000,
  trigger: 55_000,
  scheduledTrigger: 55_000,
};
const wallStart = new WeakMap<InvocationRecord, number>();

function remainingTimeOf(record: InvocationRecord | undefined): number {
  if (!record) return TIME_LIMIT_MS.resolver;
  return Math.max(0, TIME_LIMIT_MS[record.kind] - (performance.now() - (wallStart.get(record) ?? performance.now())));
}

export class ForgeHost {
  readonly invocations: InvocationRecord[] = [];
  /** Every invocation ever run, also those `invocations` has dropped (it keeps the last few hundred). */
  totalInvocations = 0;
  private nextInvocationId = 1;
  private readonly pendingEvents: Array<Promise<void>> = [];
  private readonly lastScheduledRun = new Map<string, number>();
  /** Forge's async events: `Queue.push` lands here; consumers run as invocations (sandbox/runtime/async-queue.ts). */
  readonly asyncQueue: AsyncQueue;

  constructor(private readonly opts: HostOptions) {
    this.asyncQueue = new AsyncQueue({
      consumers: opts.manifest.modules.consumer,
      clock: opts.clock,
      invoke: (c, event) =>
        this.run('trigger', c.key, c.function, 'async event', null, async () =>
          this.handlerFor(c.function)(event, { installContext: `ari:cloud:jira::site/${opts.cloudId}` }),
        ),
    });
  }

  /** Sets the two globals the Forge SDKs read. Must run before the app module is first imported. */
  static installGlobals(getHost: () => ForgeHost | null): void {
    const g = globalThis as Record<string, unknown>;
    g.__forge_runtime__ = {
      proxy: { token: 'sandbox', url: 'http://sandbox.invalid' },
      kvs: { url: 'http://kvs.sandbox.invalid', host: 'kvs.sandbox.invalid' },
      tracing: { traceId: 'sandbox-trace', spanId: 'sandbox-span' },
      metrics: {
        counter: () => ({ incr: () => undefined, decr: () => undefined }),
        timing: () => ({ measure: () => ({ stop: () => undefined }) }),
        gauge: () => ({ set: () => undefined }),
      },
      appContext: {
        appId: 'sandbox',
        appVersion: '0.0.0',
        environmentId: 'sandbox',
        environmentType: 'DEVELOPMENT',
        invocationId: 'sandbox',
        installationId: 'sandbox',
        moduleKey: 'sandbox',
      },
      // What Forge tells a function of its remaining time: its module type's limit less the time it has run.
      lambdaContext: { getRemainingTimeInMillis: () => remainingTimeOf(invocationStore.getStore()?.record) },
    };
    g.__forge_fetch__ = async (target: Record<string, unknown>, path: string, init: RequestInit = {}) => {
      const host = getHost();
      if (!host) throw new Error('Forge sandbox: no host is running');
      return host.fetch(target, path, init);
    };
  }

  /** Every remote call of the app arrives here, as it would at Forge's proxy. */
  async fetch(target: Record<string, unknown>, path: string, init: RequestInit): Promise<Response> {
    const state = invocationStore.getStore();
    if (!state) throw new Error(`Forge sandbox: ${String(target.type)} call to ${path} outside an invocation`);
    const body = typeof init.body === 'string' ? init.body : init.body == null ? '' : String(init.body);
    if (target.type === 'kvs') {
      state.record.kvsOps += 1;
      await sleep(this.opts.latency?.kvsMs ?? 0);
      const r = this.opts.kvs.handle(path, body);
      return new Response(r.body === '' ? null : r.body, {
        status: r.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
      const r = this.asyncQueue.publish(path, body);
      return new Response(r.body, { status: r.status, headers: { 'content-type': 'application/json' } });
    }
    if (target.type === 'fpp') {
      state.record.jiraCalls += 1;
      await sleep(this.opts.latency?.jiraMs ?? 0);
      const asUser = target.provider === 'user';
      if (asUser && !state.record.accountId) {
        // Forge refuses asUser() where no user acts (events, schedules, web triggers).
        return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
      }
      const method = (init.method ?? 'GET').toUpperCase();
      const r = await appRequestStore.run({ fromApp: true }, () =>
        this.opts.jira.handle({
          method,
          path,
          ...(body ? { body } : {}),
          actor: asUser ? { kind: 'user', accountId: state.record.accountId! } : { kind: 'app' },
        }),
      );
      const noBody = r.status === 204 || r.status === 304 || r.body === '';
      return new Response(noBody ? null : r.body, {
        status: r.status,
        headers: { 'content-type': 'application/json', ...r.headers },
      });
    }
    return new Response(
      JSON.stringify({ message: `egress to ${String(target.type)} is not allowed by the manifest` }),
      {
        status: 403,
        headers: { 'forge-proxy-error': 'EGRESS_NOT_ALLOWED' },
      },
    );
  }

  private handlerFor(functionKey: string): (...args: unknown[]) => unknown {
    const fn = this.opts.manifest.modules.function.find((f) => f.key === functionKey);
    if (!fn) throw new Error(`manifest.yml has no function '${functionKey}'`);
    const [file, exportName] = fn.handler.split('.');
    if (file !== 'index' || !exportName) throw new Error(`handler '${fn.handler}' must be index.<export>`);
    const handler = this.opts.app[exportName];
    if (typeof handler !== 'function')
      throw new Error(`src/index.ts does not export '${exportName}' (manifest function '${functionKey}')`);
    return handler as (...args: unknown[]) => unknown;
  }

  private async run<T>(
    kind: InvocationKind,
    moduleKey: string,
    functionKey: string,
    detail: string,
    accountId: string | null,
    body: () => Promise<T>,
  ): Promise<T> {
    const record: InvocationRecord = {
      id: this.nextInvocationId++,
      kind,
      moduleKey,
      functionKey,
      detail,
      accountId,
      kvsOps: 0,
      jiraCalls: 0,
      startedAt: this.opts.clock.now(),
      durationMs: 0,
      ok: true,
    };
    const started = performance.now();
    wallStart.set(record, started);
    try {
      return await invocationStore.run({ record }, body);
    } catch (e) {
      record.ok = false;
      record.error = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      record.durationMs = performance.now() - started;
      this.invocations.push(record);
      this.totalInvocations += 1;
      const keep = this.opts.keepInvocations ?? 500;
      if (this.invocations.length > keep) this.invocations.splice(0, this.invocations.length - keep);
    }
  }

  /** A mark for `invocationsSince`: the newest record's id. Positions move as old records are dropped; ids do not. */
  invocationMark(): number {
    return this.invocations.at(-1)?.id ?? 0;
  }

  /** The invocations recorded after `mark` (from `invocationMark`), oldest first. */
  invocationsSince(mark: number): InvocationRecord[] {
    return this.invocations.filter((i) => i.id > mark);
  }

  /** A Custom UI `invoke(name, payload)` from the module `moduleKey`, as the user in `ctx`. */
  async invokeResolver(
    ctx: ExtensionContext,
    name: string,
    payload: unknown,
  ): Promise<{ result: unknown; record: InvocationRecord }> {
    const mod = uiModules(this.opts.manifest).find((m) => m.key === ctx.moduleKey);
    if (!mod) throw new Error(`manifest.yml has no UI module '${ctx.moduleKey}'`);
    const handler = this.handlerFor(mod.resolver.function);
    const context = {
      accountId: ctx.accountId,
      cloudId: this.opts.cloudId,
      moduleKey: ctx.moduleKey,
      localId: `ari:cloud:ecosystem::extension/${this.opts.manifest.app.id.split('/').pop()}/${this.opts.environmentId}/static/${ctx.moduleKey}`,
      environmentId: this.opts.environmentId,
      environmentType: 'DEVELOPMENT',
      siteUrl: this.opts.siteUrl,
      locale: ctx.locale,
      timezone: ctx.timezone,
      extension: {
        type: mod.type,
        ...(ctx.issue ? { issue: { ...ctx.issue, type: ctx.issue.type ?? 'Task' } } : {}),
        ...(ctx.project ? { project: { ...ctx.project, type: ctx.project.type ?? 'software' } } : {}),
      },
    };
    let record!: InvocationRecord;
    const result = await this.run('resolver', ctx.moduleKey, mod.resolver.function, name, ctx.accountId, async () => {
      record = invocationStore.getStore()!.record;
      // The shape @forge/resolver's getDefinitions() expects from the platform.
      return handler(
        { call: { functionKey: name, payload }, context },
        { principal: { accountId: ctx.accountId }, installContext: `ari:cloud:jira::site/${this.opts.cloudId}` },
      );
    });
    return { result, record };
  }

  /**
   * Delivers a product event to every `trigger` that listens for it, asynchronously as Forge does.
   * `selfGenerated` events (caused by the app's own Jira calls) skip triggers with `ignoreSelf`.
   */
  deliver(event: ProductEvent, selfGenerated: boolean): void {
    for (const t of this.opts.manifest.modules.trigger) {
      if (!t.events.includes(event.eventType)) continue;
      if (selfGenerated && t.filter?.ignoreSelf) continue;
      const handler = this.handlerFor(t.function);
      const payload = { ...event.payload, eventType: event.eventType, selfGenerated };
      const context = { installContext: `ari:cloud:jira::site/${this.opts.cloudId}`, principal: undefined };
      const invoke = (extra: Record<string, unknown>) =>
        this.run('trigger', t.key, t.function, event.eventType, null, async () =>
          handler({ ...payload, ...extra }, context),
        );
      // Under production conditions the delivery model takes over: late, out of order, twice, retried.
      if (this.opts.delivery?.submit({ label: `${t.key} ${event.eventType}`, invoke })) continue;
      const p = invoke({}).then(
        () => undefined,
        (e: unknown) => {
          console.error(`[sandbox] trigger ${t.key} failed on ${event.eventType}:`, e instanceof Error ? e.message : e);
        },
      );
      this.pendingEvents.push(p);
      void p.finally(() => {
        const i = this.pendingEvents.indexOf(p);
        if (i >= 0) this.pendingEvents.splice(i, 1);
      });
    }
  }

  get busy(): boolean {
    return this.pendingEvents.length > 0 || this.asyncQueue.busy;
  }

  /** Resolves when every event delivered so far (and any it caused, queued work due now included) has been handled. */
  async settle(): Promise<void> {
    while (this.pendingEvents.length > 0 || this.asyncQueue.busy) {
      await Promise.allSettled([...this.pendingEvents]);
      await this.asyncQueue.settle();
    }
  }

  async runScheduled(moduleKey: string): Promise<void> {
    const t = this.opts.manifest.modules.scheduledTrigger.find((s) => s.key === moduleKey);
    if (!t) throw new Error(`manifest.yml has no scheduledTrigger '${moduleKey}'`);
    const handler = this.handlerFor(t.function);
    await this.run('scheduledTrigger', t.key, t.function, t.interval, null, async () => {
      // Like every Forge function: the event, then the invocation context.
      await handler(
        { context: { cloudId: this.opts.cloudId, moduleKey: t.key }, contextToken: randomUUID() },
        { installContext: `ari:cloud:jira::site/${this.opts.cloudId}`, principal: undefined },
      );
    });
    this.lastScheduledRun.set(t.key, this.opts.clock.now());
  }

  /**
   * Moves the clock forward by `ms`, running each scheduled trigger at every interval boundary it crosses,
   * in time order, with the clock set to that moment, as the platform would have while the time passed.
   */
  async advance(ms: number, maxRuns = 5000): Promise<number> {
    const target = this.opts.clock.now() + ms;
    let runs = 0;
    for (;;) {
      let next: { key: string; at: number } | null = null;
      for (const t of this.opts.manifest.modules.scheduledTrigger) {
        const interval = INTERVAL_MS[t.interval];
        const last = this.lastScheduledRun.get(t.key) ?? Math.floor(this.opts.clock.now() / interval) * interval;
        if (!this.lastScheduledRun.has(t.key)) this.lastScheduledRun.set(t.key, last);
        const at = last + interval;
        if (at <= target && (!next || at < next.at)) next = { key: t.key, at };
      }
      // Queued work delayed to a moment before the next scheduled run is delivered at its moment.
      const queued = this.asyncQueue.nextAt();
      if (queued !== null && queued <= target && (!next || queued < next.at)) {
        this.opts.clock.moveTo(queued);
        await this.settle();
        continue;
      }
      if (!next || runs >= maxRuns) break;
      this.opts.clock.moveTo(next.at);
      await this.runScheduled(next.key);
      this.lastScheduledRun.set(next.key, next.at);
      await this.settle();
      runs += 1;
    }
    this.opts.clock.moveTo(target);
    return runs;
  }

  scheduledState(): Record<string, number> {
    return Object.fromEntries(this.lastScheduledRun);
  }

  restoreScheduledState(state: Record<string, number>): void {
    for (const [k, v] of Object.entries(state)) this.lastScheduledRun.set(k, v);
  }

  /**
   * Jira asking a `jira:workflowValidator` with a `function` whether a transition may happen: the handler gets
   * Jira's payload and the invocation context (`principal` is the user making the transition; whether Forge
   * sets it for validators is not documented), and answers `{ result, errorMessage? }`. As the docs say,
   * `asUser()` does not work here (no user interaction), so the invocation carries no user for the SDKs. A
   * handler that throws or answers anything else fails the validation, as a failed rule does in Jira.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
   */
  async runWorkflowValidator(
    moduleKey: string,
    payload: unknown,
    actorAccountId: string | null,
  ): Promise<{ result: boolean; errorMessage?: string }> {
    const v = this.opts.manifest.modules['jira:workflowValidator'].find((m) => m.key === moduleKey);
    if (!v?.function) throw new Error(`manifest.yml has no jira:workflowValidator '${moduleKey}' with a function`);
    const handler = this.handlerFor(v.function);
    const context = {
      principal: actorAccountId ? { accountId: actorAccountId } : undefined,
      installContext: `ari:cloud:jira::site/${this.opts.cloudId}`,
    };
    let out: unknown;
    try {
      out = await this.run('workflowValidator', v.key, v.function, 'validate', null, async () =>
        handler(payload, context),
      );
    } catch (e) {
      console.error(`[sandbox] workflow validator ${v.key} failed:`, e instanceof Error ? e.message : e);
      return { result: false };
    }
    const r = (out ?? {}) as { result?: unknown; errorMessage?: unknown };
    if (typeof r.result !== 'boolean') return { result: false };
    return { result: r.result, ...(typeof r.errorMessage === 'string' ? { errorMessage: r.errorMessage } : {}) };
  }

  /**
   * A Jira Automation rule running one of the app's actions (an `action` listed by an `automation:actionProvider`),
   * as the rule's actor: the function gets only the declared inputs as its payload, and `principal` in the
   * context, so `asUser()` acts as that person. Inputs the manifest does not declare are dropped, as Automation
   * would never send them.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/automation-action
   */
  async runAutomationAction(
    actionKey: string,
    inputs: Record<string, unknown>,
    actorAccountId: string,
  ): Promise<unknown> {
    const { modules } = this.opts.manifest;
    const action = modules.action.find((a) => a.key === actionKey);
    if (!action || !modules['automation:actionProvider'].some((p) => p.actions.includes(actionKey))) {
      throw Object.assign(new Error(`manifest.yml has no Automation action '${actionKey}'`), { status: 404 });
    }
    const declared = action.inputs ?? {};
    const payload = Object.fromEntries(Object.entries(inputs).filter(([k]) => k in declared));
    const handler = this.handlerFor(action.function);
    const context = {
      principal: { accountId: actorAccountId },
      installContext: `ari:cloud:jira::site/${this.opts.cloudId}`,
    };
    return this.run('automationAction', action.key, action.function, actionKey, actorAccountId, async () =>
      handler(payload, context),
    );
  }

  /** An HTTP request to a web trigger's URL, in Forge's web trigger request shape. */
  async callWebTrigger(
    moduleKey: string,
    req: { method: string; path: string; headers: Record<string, string>; body: string; query: URLSearchParams },
  ): Promise<{ statusCode: number; headers: Record<string, string[]>; body: string }> {
    const t = this.opts.manifest.modules.webtrigger.find((w) => w.key === moduleKey);
    if (!t) return { statusCode: 404, headers: {}, body: 'no such web trigger' };
    const handler = this.handlerFor(t.function);
    const request = {
      method: req.method,
      path: req.path,
      body: req.body,
      headers: Object.fromEntries(Object.entries(headersToRecord(req.headers)).map(([k, v]) => [k, [v]])),
      queryParameters: Object.fromEntries([...new Set(req.query.keys())].map((k) => [k, req.query.getAll(k)])),
    };
    const out = await this.run('webtrigger', t.key, t.function, req.method, null, async () =>
      handler(request, { installContext: `ari:cloud:jira::site/${this.opts.cloudId}` }),
    );
    const res = (out ?? {}) as { statusCode?: unknown; headers?: Record<string, string[]>; body?: string };
    // Forge answers 500 for a result that does not carry a numeric statusCode.
    if (typeof res.statusCode !== 'number')
      return { statusCode: 500, headers: {}, body: 'web trigger result had no statusCode' };
    return { statusCode: res.statusCode, headers: res.headers ?? {}, body: res.body ?? '' };
  }
}
