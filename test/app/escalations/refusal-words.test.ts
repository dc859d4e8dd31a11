import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../src/contract';

// The app names an escalation refusal's words by id; the boundary says them in the user's language.
describe('words inside a refusal', () => {
  it('come out in the language of the message', () => {
    const params = { action: 'escalation.decideOn', level: 3, what: 'escalation.decision' };
    expect(formatMessage('escalation.notAllowed', 'en', params)).toContain('You cannot decide on this escalation');
    expect(formatMessage('escalation.notAllowed', 'zh', params)).toContain('您不能裁决此问题升级');
    expect(formatMessage('escalation.textRequired', 'en', params)).toBe(
      'Write the decision first: it goes on the record.',
    );
    expect(formatMessage('escalation.textRequired', 'zh', { what: 'escalation.reason' })).toBe(
      '请先填写驳回理由：它将记录在案。',
    );
  });

  it('leave an {action} that is a code as it is, even when a noun has the same name', () => {
    expect(formatMessage('dependency.badMove', 'zh', { status: 'open', action: 'decline' })).toContain('“decline”');
  });
});
