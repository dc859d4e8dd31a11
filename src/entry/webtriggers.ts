import { toLocale, WEBHOOK_HEADERS, type ErrorCode } from '../contract';
import type { Deps } from '../app/kernel/ports';
import { raiseEscalationByRequest } from '../app/escalations/raise-escalation-by-request';
import { toErrorBody } from './envelope';
import { productionDeps } from './deps';

/** Forge's web trigger request: header values are arrays. */
export interface WebTriggerRequest {
  method?: string;
  body?: string;
  headers?: Record<string, string[] | undefined>;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  FORBIDDEN: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UPSTREAM: 502,
  NOT_CONFIGURED: 503,
  INTERNAL: 500,
};

function header(req: WebTriggerRequest, name: string): string | undefined {
  const entry = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return entry?.[1]?.[0];
}

const json = (statusCode: number, body: unknown): WebTriggerResponse => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'] },
  body: JSON.stringify(body),
});

export async function handleEscalationWebhook(deps: Deps, req: WebTriggerRequest): Promise<WebTriggerResponse> {
  const locale = toLocale(header(req, 'accept-language'));
  if ((req.method ?? 'POST').toUpperCase() !== 'POST') {
    return json(405, { ok: false, error: { code: 'VALIDATION', message: 'Only POST is accepted.' } });
  }
  try {
    const esc = await raiseEscalationByRequest(
      deps,
      {
        body: req.body ?? '',
        signature: header(req, WEBHOOK_HEADERS.signature),
        timestamp: header(req, WEBHOOK_HEADERS.timestamp),
        nonce: header(req, WEBHOOK_HEADERS.nonce),
      },
      locale,
    );
    return json(201, {
      ok: true,
      data: {
        escalationId: esc.id,
        issueKey: esc.issueKey,
        level: esc.level,
        dueAt: new Date(esc.dueAt).toISOString(),
      },
    });
  } catch (e) {
    const error = toErrorBody(e, locale, deps.log);
    return json(STATUS[error.code], { ok: false, error });
  }
}

/** `webtrigger` module `escalation-webhook`: escalations raised by signed JSON requests. */
export const escalationWebhook = (req: WebTriggerRequest) => handleEscalationWebhook(productionDeps(), req);
