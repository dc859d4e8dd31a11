import { describe, expect, it } from 'vitest';
import { createI18n } from '../../static/shared/i18n';
import { glanceLine } from '../../static/collab-page/src/glance-line';
import { MESSAGES } from '../../static/collab-page/src/messages';

/** The issue context's first line (issue 16), as the collapsed panel and the sandbox show it, in en and zh. */
const en = createI18n('en', 'en-US', 'Asia/Shanghai', MESSAGES).t;
const zh = createI18n('zh', 'zh-CN', 'Asia/Shanghai', MESSAGES).t;
const g = (waitingFor: number, escalationLevel: number | null) => ({
  issueKey: 'PAY-1',
  waitingFor,
  escalationLevel,
  breached: false,
});

describe('the glance line', () => {
  it('says what the work item waits for and how far it is escalated', () => {
    expect(glanceLine(en, g(2, 2))).toBe('Waiting for 2 · Escalated L2');
    expect(glanceLine(zh, g(2, 2))).toBe('等待 2 项 · 已升级 L2');
  });

  it('leaves out what is not there, and says when nothing is', () => {
    expect(glanceLine(en, g(1, null))).toBe('Waiting for 1');
    expect(glanceLine(en, g(0, 3))).toBe('Escalated L3');
    expect(glanceLine(en, g(0, null))).toBe('Nothing waiting, no open escalation');
    expect(glanceLine(zh, g(0, null))).toBe('无等待事项，无未结升级');
  });
});
