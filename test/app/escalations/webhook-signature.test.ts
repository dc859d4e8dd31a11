import { describe, expect, it } from 'vitest';
import { sign, verifySignedRequest } from '../../../src/app/escalations/raise-escalation-by-request';
import { isAppError } from '../../../src/app/kernel/errors';

const secret = 's3cret';
const now = 1_790_000_000_000;
const ts = String(Math.floor(now / 1000));
const nonce = 'n0nce-0123456789abcdef';
const body = '{"issueKey":"PAY-1","description":"blocked"}';

function code(f: () => unknown) {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isAppError(e) ? `${e.code}:${e.messageId}` : 'other';
  }
}

describe('web trigger signature', () => {
  it('accepts a correctly signed, fresh request', () => {
    expect(
      verifySignedRequest({ body, signature: sign(secret, ts, nonce, body), timestamp: ts, nonce }, secret, now),
    ).toEqual({ nonce });
  });
  it('refuses a missing or wrong signature, a tampered body and a wrong secret', () => {
    expect(code(() => verifySignedRequest({ body, signature: undefined, timestamp: ts, nonce }, secret, now))).toBe(
      'FORBIDDEN:webhook.signature',
    );
    expect(
      code(() =>
        verifySignedRequest(
          { body: `${body} `, signature: sign(secret, ts, nonce, body), timestamp: ts, nonce },
          secret,
          now,
        ),
      ),
    ).toBe('FORBIDDEN:webhook.signature');
    expect(
      code(() =>
        verifySignedRequest({ body, signature: sign('other', ts, nonce, body), timestamp: ts, nonce }, secret, now),
      ),
    ).toBe('FORBIDDEN:webhook.signature');
  });
  it('refuses a timestamp more than five minutes away and a malformed nonce', () => {
    const old = String(Math.floor(now / 1000) - 301);
    expect(
      code(() =>
        verifySignedRequest({ body, signature: sign(secret, old, nonce, body), timestamp: old, nonce }, secret, now),
      ),
    ).toBe('FORBIDDEN:webhook.replay');
    expect(
      code(() =>
        verifySignedRequest(
          { body, signature: sign(secret, ts, 'short', body), timestamp: ts, nonce: 'short' },
          secret,
          now,
        ),
      ),
    ).toBe('FORBIDDEN:webhook.signature');
  });
});
