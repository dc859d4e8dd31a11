import { describe, expect, it } from 'vitest';
import { isValidElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CATALOGUES } from '../../static/shared/messages';
import { createTranslator } from '../../static/shared/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const en = CATALOGUES.en;
  const zh = CATALOGUES.zh;

  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(['en', 'zh'] as const)('has no empty or untrimmed strings in %s', (locale) => {
    for (const [key, text] of Object.entries(CATALOGUES[locale])) {
      expect(text.trim(), key).not.toBe('');
      expect(text, key).toBe(text.trim());
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('gives every plural message both forms', () => {
    const keys = Object.keys(en);
    for (const key of keys.filter((k) => k.endsWith('.one'))) {
      expect(keys, key).toContain(key.replace(/\.one$/, '.other'));
    }
  });

  it('has Chinese text in every Chinese message that is not a proper name', () => {
    const sameOnPurpose = new Set(['panel.raci.heading']);
    for (const [key, text] of Object.entries(zh)) {
      if (sameOnPurpose.has(key)) continue;
      expect(/[\u4e00-\u9fff]/.test(text) || text !== en[key as keyof typeof en], key).toBe(true);
    }
  });
});

describe('createTranslator', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    const t = createTranslator('en', CATALOGUES);
    expect(t('panel.title', { key: 'PAY-1' })).toBe('Collaboration on PAY-1');
    expect(t('panel.title')).toBe('Collaboration on {key}');
  });

  it('picks plural forms by language', () => {
    expect(createTranslator('en', CATALOGUES).plural('rel.late.day', 1)).toBe('1 day late');
    expect(createTranslator('en', CATALOGUES).plural('rel.late.day', 2)).toBe('2 days late');
    expect(createTranslator('zh', CATALOGUES).plural('rel.late.day', 1)).toBe('逾期 1 天');
    expect(createTranslator('zh', CATALOGUES).plural('rel.in.hour', 3)).toBe('3 小时后');
  });

  it('puts elements into a message with rich()', () => {
    const t = createTranslator('zh', CATALOGUES);
    const node: ReactNode = t.rich('panel.deps.responseDue', { time: <time dateTime="x">明天</time> });
    expect(Array.isArray(node) && node.every((n) => isValidElement(n))).toBe(true);
    expect(renderToStaticMarkup(<p>{node}</p>)).toBe('<p>请于 <time dateTime="x">明天</time> 前响应</p>');
  });

  it('speaks the level names of the escalation ladder', () => {
    const en = createTranslator('en', CATALOGUES);
    const zh = createTranslator('zh', CATALOGUES);
    expect([1, 2, 3].map((n) => en(`escalation.level.${n as 1 | 2 | 3}`))).toEqual([
      'Interface persons',
      'Department heads',
      'PMO arbiter',
    ]);
    expect([1, 2, 3].map((n) => zh(`escalation.level.${n as 1 | 2 | 3}`))).toEqual([
      '部门对接人',
      '部门负责人',
      'PMO 仲裁',
    ]);
  });
});
