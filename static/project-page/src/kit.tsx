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

/** A button that downloads the rows as a CSV file (UTF-8 with BOM). */
export function CsvButton(props: { filename: string; header: readonly string[]; rows: () => ReadonlyArray<ReadonlyArray<string | number | null>>; label?: string }) {
  const t = useT();
  return (
    <Button appearance="subtle" onClick={() => downloadCsv(props.filename, toCsv(props.header, props.rows()))}>
      {props.label ?? t('project.common.csv')}
    </Button>
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
