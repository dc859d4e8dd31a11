import type { DepartmentRef, Locale } from '@contract';

/** A department's name in the viewer's language. */
export function departmentName(d: DepartmentRef | undefined, locale: Locale, fallbackId = ''): string {
  if (!d) return fallbackId;
  return locale === 'zh' ? d.nameZh : d.nameEn;
}
