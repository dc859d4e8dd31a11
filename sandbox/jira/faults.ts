import type { JiraRequest, JiraResponse } from './types';

/** What the fault injection needs of the production-conditions model (sandbox/runtime/conditions.ts). */
export interface JiraFaultModel {
  options: {
    jiraThrottleRate: number;
    jiraRetryAfterSeconds: number;
    jiraServerErrorRate: number;
    jiraWriteServerErrorRate: number;
  };
  chance(concern: string, rate: number): boolean;
}

/** POSTs that only read: sending them twice does no more than once. */
const READING_POSTS = [/\/rest\/api\/3\/search\/jql$/, /\/rest\/api\/3\/issue\/bulkfetch$/, /\/expression\/eval/];

function isRead(req: JiraRequest): boolean {
  const method = req.method.toUpperCase();
  if (method === 'GET') return true;
  const path = req.path.split('?')[0] ?? '';
  return method === 'POST' && READING_POSTS.some((p) => p.test(path));
}

const json = (status: number, headers: Record<string, string>, body: unknown): JiraResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * Jira Cloud as the app meets it under load: some calls are refused with 429 and `Retry-After` (rate limiting)
 * and some with 503, both before Jira does anything, at the model's rates. Only the app's calls (through the
 * Forge host) pass here; a person's own clicks in Jira are not throttled. `model()` is null while the sandbox is
 * kind (normal mode, or while seeding).
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export function withJiraFaults(
  jira: { handle(req: JiraRequest): Promise<JiraResponse> },
  model: () => JiraFaultModel | null,
  onRefused: () => void = () => undefined,
): { handle(req: JiraRequest): Promise<JiraResponse> } {
  return {
    handle(req) {
      const m = model();
      if (m) {
        const o = m.options;
        if (m.chance('jira-429', o.jiraThrottleRate)) {
          onRefused();
          return Promise.resolve(
            json(
              429,
              { 'retry-after': String(o.jiraRetryAfterSeconds), 'ratelimit-reason': 'jira-burst-based' },
              { errorMessages: ['Rate limit exceeded.'], errors: {} },
            ),
          );
        }
        const rate = isRead(req) ? o.jiraServerErrorRate : o.jiraWriteServerErrorRate;
        if (m.chance('jira-5xx', rate)) {
          onRefused();
          return Promise.resolve(
            json(503, {}, { errorMessages: ['Service unavailable. Please try again later.'], errors: {} }),
          );
        }
      }
      return jira.handle(req);
    },
  };
}
