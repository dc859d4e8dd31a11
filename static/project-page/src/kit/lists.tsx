import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { AppErrorBody } from '@contract';
import { useT } from '../../../shared/i18n';
import type { CallResult } from '../../../shared/bridge-client';
import { FormError } from '../../../shared/ui/form-error';
import { useSave } from '../../../shared/ui/save';

/** A page of a long list as a resolver returns it. */
export interface ListPage<T> {
  items: T[];
  next: string | null;
}

/**
 * Every row of a long list: follows the pages' cursors to the end (100 rows a call), for exports and reports
 * that must cover all of it. A failed page rejects with its error rather than returning what was read so far.
 */
export async function readAllPages<D, T extends { id: string }>(
  page: (cursor: string | undefined) => Promise<CallResult<D>>,
  pick: (data: D) => ListPage<T>,
): Promise<T[]> {
  const out = new Map<string, T>();
  let cursor: string | undefined;
  do {
    const r = await page(cursor);
    if (!r.ok) throw r.error;
    const { items, next } = pick(r.data);
    for (const item of items) if (!out.has(item.id)) out.set(item.id, item);
    cursor = next ?? undefined;
  } while (cursor);
  return [...out.values()];
}

/**
 * A long list shown a page at a time: starts with the first page the section loaded and appends the next
 * page on `more()` (a row that moved while paging is shown once).
 */
export function usePagedList<D, T extends { id: string }>(
  first: ListPage<T>,
  page: (cursor: string) => Promise<CallResult<D>>,
  pick: (data: D) => ListPage<T>,
) {
  const [items, setItems] = useState(first.items);
  const [next, setNext] = useState(first.next);
  const { busy, error, run } = useSave();
  const more = async () => {
    if (!next || busy) return;
    await run(
      () => page(next),
      (data) => {
        const got = pick(data);
        setItems((shown) => {
          const ids = new Set(shown.map((i) => i.id));
          return [...shown, ...got.items.filter((i) => !ids.has(i.id))];
        });
        setNext(got.next);
      },
    );
  };
  return { items, hasMore: next !== null, busy, error, more };
}

/**
 * Under a long list: how many rows are shown of how many there are, and a button for the next page while
 * there is one. `label` names the list for screen readers (the button says which list it extends).
 */
export function ListFooter(props: {
  shown: number;
  total: number;
  hasMore: boolean;
  busy?: boolean;
  error?: AppErrorBody | null;
  pageSize: number;
  label: string;
  onMore: () => void;
}) {
  const t = useT();
  const total = Math.max(props.total, props.shown);
  const left = Math.min(props.pageSize, Math.max(total - props.shown, 0)) || props.pageSize;
  return (
    <div className="cx-list-footer">
      <p className="cx-muted" role="status" aria-live="polite">
        {t('project.list.shown', { shown: props.shown, total })}
      </p>
      {props.hasMore && (
        <Button
          appearance="default"
          isDisabled={props.busy}
          aria-label={t('project.list.moreOf', { n: left, list: props.label })}
          onClick={props.onMore}
        >
          {props.busy ? t('project.list.loading') : t('project.list.more', { n: left })}
        </Button>
      )}
      <FormError error={props.error ?? null} />
    </div>
  );
}

/** A table's column headings; `hidden` ones are named for screen readers only (e.g. a column of edit buttons). */
export function HeadRow({ labels, hidden = [] }: { labels: readonly string[]; hidden?: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((l) => (
          <th key={l} scope="col">
            {l}
          </th>
        ))}
        {hidden.map((l) => (
          <th key={l} scope="col">
            <span className="cx-visually-hidden">{l}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Splits "a, b，c" into trimmed parts (either comma; Chinese input methods type the wide one). */
export const splitList = (text: string) =>
  text
    .split(/[,，\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
