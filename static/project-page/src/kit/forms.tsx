import { useId, type ComponentType } from 'react';
import type { Person } from '@contract';
import { downloadCsv, toCsv } from '../../../shared/csv';
import { useT } from '../../../shared/i18n';
import type { CallResult } from '../../../shared/bridge-client';
import { UserPicker } from '../../../shared/components/UserPicker';
import Button from '@atlaskit/button/default/button';
import { FormActions as KitFormActions } from '../../../shared/ui/form-actions';
import { FormError } from '../../../shared/ui/form-error';
import { Loaded } from '../../../shared/ui/loaded';
import { useFieldProblems } from '../../../shared/ui/error-scope';
import { useCall } from '../../../shared/use-call';
import { useTask as useKitTask } from '../../../shared/ui/task';
import type { ProjectClient, SectionProps } from '../page-context';

type CsvRows = ReadonlyArray<ReadonlyArray<string | number | null>>;

/** The kit's task, failing in the project page's words ("the list could not be read"). */
export function useTask() {
  const t = useT();
  return useKitTask(t('project.list.failed'));
}

/**
 * A button that downloads the rows as a CSV file (UTF-8 with BOM). `rows` may read every page of a long list
 * first: the button says so while it does, and shows the error if a page cannot be read (no partial file).
 */
export function CsvButton(props: {
  filename: string;
  header: readonly string[];
  rows: () => CsvRows | Promise<CsvRows>;
  label?: string;
}) {
  const t = useT();
  const task = useTask();
  return (
    <>
      <Button
        appearance="subtle"
        isDisabled={task.busy}
        onClick={() => void task.run(async () => downloadCsv(props.filename, toCsv(props.header, await props.rows())))}
      >
        {task.busy ? t('project.list.exporting') : (props.label ?? t('project.common.csv'))}
      </Button>
      <FormError error={task.error} />
    </>
  );
}

/** A project page form's Save and Cancel buttons. */
export function FormActions({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const t = useT();
  return (
    <KitFormActions
      bar="cx-toolbar"
      busy={busy}
      save={t('project.common.save')}
      saving={t('project.common.saving')}
      cancel={t('project.common.cancel')}
      onCancel={onCancel}
    />
  );
}

/** One person picked through Jira's user search (the admin page's picker, on the project page's resolver). */
export function PersonField(props: {
  client: ProjectClient;
  label: string;
  /** The input's path, so the form's error for it shows under the picker. */
  name?: string;
  help?: string;
  value: string | null;
  people: Map<string, Person>;
  onChange: (id: string | null, p?: Person) => void;
}) {
  const id = useId();
  const { problems, changed } = useFieldProblems(props.name, props.label);
  return (
    <div className="cx-field">
      <UserPicker
        inputId={id}
        label={props.label}
        help={props.help ?? ''}
        multiple={false}
        value={props.value ? [props.value] : []}
        people={props.people}
        onChange={(ids, chosen) => {
          changed();
          props.onChange(ids[0] ?? null, chosen);
        }}
        search={(query) => props.client.call('searchPeople', { query })}
      />
      {problems.length > 0 && <p className="cx-field-error">{problems.map((p) => p.message).join(' ')}</p>}
    </div>
  );
}

/**
 * A section that loads its own data when opened: `load` calls the resolver, `View` shows the data and gets
 * `retry` to reload after a change.
 */
export function withData<T>(
  load: (client: ProjectClient) => Promise<CallResult<T>>,
  View: ComponentType<SectionProps & { data: T; retry: () => void }>,
) {
  return function SectionWithData(props: SectionProps) {
    const { state, retry } = useCall(() => load(props.client));
    return (
      <Loaded state={state} retry={retry}>
        {(data) => <View {...props} data={data} retry={retry} />}
      </Loaded>
    );
  };
}
