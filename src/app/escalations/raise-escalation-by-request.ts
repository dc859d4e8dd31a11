import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../kernel/ports';
import { ENTITY, SECRET } from '../kernel/storage-keys';
import { AppError, isAppError } from '../kernel/errors';
import {
  describeIssue,
  EscalationRequestSchema,
  issueField,
  WEBHOOK_MAX_AGE_MS,
  type EscalationRequest,
  type Locale,
} from '../../contract';
import type { EscalationRecord } from '../../domain/escalations/escalation';
import { raise } from './escalations';
import { requireWebhookProject } from './webhook-projects';

export interface SignedRequest {
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
}

/** The string that is signed: timestamp, nonce and the raw body, so none can be swapped on its own. */
export function signingInput(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}.${nonce}.${body}`;
}

export function sign(secret: string, timestamp: string, nonce: string, body: string): string {
  return `sha256=${createHmac('sha256', secret)
    .update(signingInput(timestamp, nonce, body))
    .digest('hex')}`;
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks signature, age and nonce shape; throws FORBIDDEN naming what is wrong. Pure apart from the secret. */
export function verifySignedRequest(req: SignedRequest, secret: string, now: number): { nonce: string } {
  if (!req.signature) throw new AppError('FORBIDDEN', 'webhook.signature', { detail: 'no x-collab-signature header' });
  if (!req.timestamp || !/^\d{10,13}$/.test(req.timestamp)) {
    throw new AppError('FORBIDDEN', 'webhook.signature', { detail: 'x-collab-timestamp must be Unix time in seconds' });
  }
  if (!req.nonce || !/^[A-Za-z0-9_-]{16,64}$/.test(req.nonce)) {
    throw new AppError('FORBIDDEN', 'webhook.signature', {
      detail: 'x-collab-nonce must be 16-64 letters, digits, - or _',
    });
  }
  if (!signatureMatches(sign(secret, req.timestamp, req.nonce, req.body), req.signature)) {
    throw new AppError('FORBIDDEN', 'webhook.signature', { detail: 'the HMAC-SHA256 does not match' });
  }
  const ts = Number(req.timestamp) * (req.timestamp.length > 10 ? 1 : 1000);
  if (Math.abs(now - ts) > WEBHOOK_MAX_AGE_MS) {
    throw new AppError('FORBIDDEN', 'webhook.replay', { detail: 'the timestamp is more than 5 minutes from now' });
  }
  return { nonce: req.nonce };
}

/** The body, checked against the contract; what is wrong is said in the caller's language, naming the field. */
function parseBody(body: string, locale: Locale): EscalationRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError('VALIDATION', 'validation.invalid', { detail: 'the body is not JSON' });
  }
  const parsed = EscalationRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issueField(issue);
    throw new AppError(
      'VALIDATION',
      'validation.field',
      { field: field || 'body', detail: describeIssue(issue, locale) },
      field || undefined,
    );
  }
  return parsed.data;
}

/**
 * An escalation raised by a signed web request (Jira Automation's "Send web request", or any system that
 * holds the secret). Nothing is written unless the signature, age, nonce and body are all good; the nonce is
 * recorded in the same transaction as the escalation, so a replay can never raise it twice.
 */
export async function raiseEscalationByRequest(
  deps: Deps,
  req: SignedRequest,
  locale: Locale = 'en',
): Promise<EscalationRecord> {
  const secret = await deps.store.getSecret<string>(SECRET.webhookSigningKey);
  if (!secret) throw new AppError('NOT_CONFIGURED', 'notConfigured.webhookSecret');
  const now = deps.clock.now();
  const { nonce } = verifySignedRequest(req, secret, now);
  const input = parseBody(req.body, locale);
  // Only projects an admin listed on the admin page: a leaked secret must not reach every project.
  const askedProject = input.issueKey.slice(0, input.issueKey.lastIndexOf('-'));
  await requireWebhookProject(deps, askedProject);
  const replay = () => new AppError('CONFLICT', 'webhook.replay', { detail: 'this nonce was used before' });
  if (await deps.store.getEntity(ENTITY.webhookNonce, nonce)) throw replay();
  const issue = await deps.jira.getIssue('app', input.issueKey);
  // A moved issue answers under its new key: the project it is in now is the one that must be listed.
  if (issue.projectKey !== askedProject) await requireWebhookProject(deps, issue.projectKey);
  try {
    return await raise(deps, {
      source: 'webtrigger',
      accountId: null,
      issue,
      id: `esc-${nonce}`,
      input: { ...input, deadline: input.deadline ?? null, dependencyId: null },
      extraOps: [
        {
          kind: 'set',
          entity: ENTITY.webhookNonce,
          key: nonce,
          value: { receivedAt: now, version: 1 },
          ifVersion: 'absent',
        },
      ],
      recheck: async () => {
        if (await deps.store.getEntity(ENTITY.webhookNonce, nonce)) throw replay();
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT' && (await deps.store.getEntity(ENTITY.webhookNonce, nonce)))
      throw replay();
    throw e;
  }
}
