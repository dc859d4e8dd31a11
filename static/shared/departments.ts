import type { DepartmentRef, Locale } from '@contract';

/** A department's name in the viewer's language; `fallback` (its id, or "no department") when it is not known. */
export function departmentName(
  d: Pick<DepartmentRef, 'nameZh' | 'nameEn'> | null | undefined,
  locale: Locale,
  fallback = '',
): string {
  if (!d) return fallback;
  return locale === 'zh' ? d.nameZh : d.nameEn;
}
