/**
 * A stand-in for Forge's proxy under the real `@forge/api`: installs `__forge_runtime__` and `__forge_fetch__`
 * and answers each Jira request from a script, recording what the app sent. Unlike the sandbox it can answer
 * anything (a 404 from the user bulk read, a 429, a body of the wrong shape), which is what the adapter's
 * error mapping needs to be driven through.
 */
export interface SentRequest {
  provider: string;
  method: string;
  path: string;
  body: unknown;
}

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Rule = { method: string; path: RegExp; answer: (req: SentRequest) => Answer };

export function installForgeFetchFake() {
  const sent: SentRequest[] = [];
  let rules: Rule[] = [];
  let remaining = 25_000;
  const g = globalThis as Record<string, unknown>;
  g.__forge_runtime__ = {
    proxy: { token: 'fake', url: 'http://proxy.invalid' },
    tracing: { traceId: 'fake', spanId: 'fake' },
    metrics: {
      counter: () => ({ incr: () => undefined, decr: () => undefined }),
      timing: () => ({ measure: () => ({ stop: () => undefined }) }),
      gauge: () => ({ set: () => undefined }),
    },
    appContext: {
      appId: 'fake',
      appVersion: '0',
      environmentId: 'fake',
      environmentType: 'DEVELOPMENT',
      invocationId: 'fake',
      installationId: 'fake',
      moduleKey: 'fake',
    },
    lambdaContext: { getRemainingTimeInMillis: () => remaining },
  };
  g.__forge_fetch__ = async (
    target: { type?: string; provider?: string },
    path: string,
    init: { method?: string; body?: string } = {},
  ) => {
    if (target.type !== 'fpp') throw new Error(`unexpected remote call to ${String(target.type)}`);
    const req: SentRequest = {
      provider: String(target.provider),
      method: (init.method ?? 'GET').toUpperCase(),
      path,
      body: init.body ? JSON.parse(init.body) : undefined,
    };
    sent.push(req);
    const rule = [...rules].reverse().find((r) => r.method === req.method && r.path.test(path));
    const { status, body, headers } = rule
      ? rule.answer(req)
      : { status: 500, body: { errorMessages: [`no answer scripted for ${req.method} ${path}`] } };
    return new Response(body === undefined || status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
  return {
    sent,
    /** Answers requests matching `method` and `path` (the rule added last wins, so a test can override a default). */
    on(method: string, path: RegExp, answer: Answer | ((req: SentRequest) => Answer)) {
      rules.push({ method, path, answer: typeof answer === 'function' ? answer : () => answer });
    },
    /** What Forge says is left of the invocation, in ms (25 s, a resolver's budget, unless a test says less). */
    remaining(ms: number) {
      remaining = ms;
    },
    reset() {
      rules = [];
      sent.length = 0;
      remaining = 25_000;
    },
  };
}
