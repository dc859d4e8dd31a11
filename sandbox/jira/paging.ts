import type { Json } from './handler';

/**
 * Jira's PageBean: one page of `all` with its `self` link, and `nextPage` unless it is the last.
 * `link` spells the URL of the page that starts at a given index.
 */
export function pageBean<T>(
  all: readonly T[],
  startAt: number,
  maxResults: number,
  link: (startAt: number) => string,
  value: (item: T) => unknown,
): Json {
  const isLast = startAt + maxResults >= all.length;
  return {
    self: link(startAt),
    ...(isLast ? {} : { nextPage: link(startAt + maxResults) }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values: all.slice(startAt, startAt + maxResults).map(value),
  };
}
