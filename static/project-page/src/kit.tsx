import { useId, useState, type ComponentType, type ReactNode } from 'react';
import Button from '@atlaskit/button/default/button';
import type { AppErrorBody, Person } from '@contract';
import { downloadCsv, toCsv } from '../../shared/csv';
import { useT } from '../../shared/i18n';
import type { CallResult } from '../../shared/bridge-client';
import { UserPicker } from '../../shared/components/UserPicker';
import type { ProjectClient, SectionProps } from './page-context';
export { HealthLozenge } from './health';
import { useCall, type CallState } from '../../shared/use-call';
import { Loading } from '../../shared/components/Loading';
import { ErrorState } from '../../shared/components/ErrorState';

type CsvRows = ReadonlyArray<ReadonlyArray<string | number | null>>;

/**
 * A button that downloads the rows as a CSV file (UTF-8 with BOM). `rows` may read every page of a long list
 * first: the button says so while it does, and shows the error if a page cannot be read (no partial file).
 */
export function CsvButton(props: { filename: string; header: readonly string[]; rows: () => CsvRows | Promise<CsvRows>; label?: string }) {
  const t = useT();
  const task = useTask();
  return (
    <>
      <Button appearance="subtle" isDisabled={task.busy} onClick={() => void task.run(async () => downloadCsv(props.filename, toCsv(props.header, await props.rows())))}>
        {task.busy ? t('project.list.exporting') : (props.label ?? t('project.common.csv'))}
      </Button>
      <FormError error={task.error} />
    </>
  );
}

const isErrorBody = (e: unknown): e is AppErrorBody => typeof e === 'object' && e !== null && 'code' in e && 'message' in e;

/**
 * A task that may read many pages (an export, a report): busy while it runs; a resolver error it throws is kept
 * to show, anything else becomes "the list could not be read".
 */
export function useTask() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(isErrorBody(e) ? e : { code: 'INTERNAL', message: t('project.list.failed') });
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** A page of a long list as a resolver returns it. */
export interface ListPage<T> {
  items: T[];
  next: string | null;
}

/**
 * Every row of a long list: follows the pages' cursors to the end (100 rows a call), for exports and reports
 * that must cover all of it. A failed page rejects with its error rather than returning what was read so far.
 */
export async function readAllPages<D, T extends { id: string }>(page: (cursor: string | undefined) => Promise<CallResult<D>>, pick: (data: D) => ListPage<T>): Promise<T[]> {
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
export function usePagedList<D, T extends { id: string }>(first: ListPage<T>, page: (cursor: string) => Promise<CallResult<D>>, pick: (data: D) => ListPage<T>) {
  const [items, setItems] = useState(first.items);
  const [next, setNext] = useState(first.next);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const more = async () => {
    if (!next || busy) return;
    setBusy(true);
    setError(null);
    const r = await page(next);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const got = pick(r.data);
    setItems((shown) => {
      const ids = new Set(shown.map((i) => i.id));
      return [...shown, ...got.items.filter((i) => !ids.has(i.id))];
    });
    setNext(got.next);
  };
  return { items, hasMore: next !== null, busy, error, more };
}

/**
 * Under a long list: how many rows are shown of how many there are, and a button for the next page while
 * there is one. `label` names the list for screen readers (the button says which list it extends).
 */
export function ListFooter(props: { shown: number; total: number; hasMore: boolean; busy?: boolean; error?: AppErrorBody | null; pageSize: number; label: string; onMore: () => void }) {
  const t = useT();
  const total = Math.max(props.total, props.shown);
  const left = Math.min(props.pageSize, Math.max(total - props.shown, 0)) || props.pageSize;
  return (
    <div className="cx-list-footer">
      <p className="cx-muted" role="status" aria-live="polite">
        {t('project.list.shown', { shown: props.shown, total })}
      </p>
      {props.hasMore && (
        <Button appearance="default" isDisabled={props.busy} aria-label={t('project.list.moreOf', { n: left, list: props.label })} onClick={props.onMore}>
          {props.busy ? t('project.list.loading') : t('project.list.more', { n: left })}
        </Button>
      )}
      <FormError error={props.error ?? null} />
    </div>
  );
}

/** A labelled form control; `children` gets the control's id. */
export function Field(props: { label: string; help?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="cx-field">
      <label className="cx-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id)}
      {props.help && <p className="cx-help">{props.help}</p>}
    </div>
  );
}

export function FormError({ error }: { error: AppErrorBody | null }) {
  if (!error) return null;
  return (
    <p className="cx-field-error" role="alert">
      {error.message}
    </p>
  );
}

/** Splits "a, b，c" into trimmed parts (either comma; Chinese input methods type the wide one). */
export const splitList = (text: string) =>
  text
    .split(/[,，\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A save in progress and its outcome: `run` calls the resolver, keeps the translated error on failure and
 * hands the data on when it succeeds.
 */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  async function run<T>(call: () => Promise<CallResult<T>>, onOk: (data: T) => void) {
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (r.ok) onOk(r.data);
    else setError(r.error);
  }
  return { busy, error, run, clear: () => setError(null) };
}

/** One person picked through Jira's user search (the admin page's picker, on the project page's resolver). */
export function PersonField(props: { client: ProjectClient; label: string; help?: string; value: string | null; people: Map<string, Person>; onChange: (id: string | null, p?: Person) => void }) {
  const id = useId();
  return (
    <UserPicker
      inputId={id}
      label={props.label}
      help={props.help ?? ''}
      multiple={false}
      value={props.value ? [props.value] : []}
      people={props.people}
      onChange={(ids, chosen) => props.onChange(ids[0] ?? null, chosen)}
      search={(query) => props.client.call('searchPeople', { query })}
    />
  );
}

/** A form's Save and Cancel buttons. */
export function FormActions({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="cx-toolbar">
      <Button appearance="primary" type="submit" isDisabled={busy}>
        {busy ? t('project.common.saving') : t('project.common.save')}
      </Button>
      <Button appearance="subtle" onClick={onCancel}>
        {t('project.common.cancel')}
      </Button>
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

/** A section's own data: loading, the error with a retry, or the view of the data. */
export function Loaded<T>({ state, retry, children }: { state: CallState<T>; retry: () => void; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={retry} />;
  return <>{children(state.data)}</>;
}

/**
 * A section that loads its own data when opened: `load` calls the resolver, `View` shows the data and gets
 * `retry` to reload after a change.
 */
export function withData<T>(load: (client: ProjectClient) => Promise<CallResult<T>>, View: ComponentType<SectionProps & { data: T; retry: () => void }>) {
  return function SectionWithData(props: SectionProps) {
    const { state, retry } = useCall(() => load(props.client));
    return (
      <Loaded state={state} retry={retry}>
        {(data) => <View {...props} data={data} retry={retry} />}
      </Loaded>
    );
  };
}
