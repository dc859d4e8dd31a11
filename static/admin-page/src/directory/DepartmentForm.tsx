import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Person } from '@contract';
import type { CallResult } from '../../../shared/bridge-client';
import { useT } from '../../../shared/i18n';
import { FormActions } from '../../../shared/ui/form-actions';
import { Notice } from '../../../shared/ui/notice';
import { useSave } from '../../../shared/ui/save';
import { checkDraft, FIELDS, type DepartmentDraft, type FieldErrors, type FieldName } from './form';
import { UserPicker } from '../../../shared/components/UserPicker';

/** What saving answered when it did not succeed: errors at fields, or one for the whole form. */
export interface SaveProblem {
  fields?: FieldErrors;
  form?: string;
}

export interface DepartmentFormProps {
  initial: DepartmentDraft;
  title: string;
  people: ReadonlyMap<string, Person>;
  /** Resolves with null once saved (the page closes the form), or with what to show. */
  onSave: (draft: DepartmentDraft) => Promise<SaveProblem | null>;
  onCancel: () => void;
  onPersonChosen: (p: Person) => void;
  search: (query: string) => Promise<CallResult<{ users: Person[] }>>;
}

function TextField(props: {
  id: string;
  label: string;
  help?: string;
  error?: string | undefined;
  value: string;
  onChange: (v: string) => void;
  readOnly?: boolean;
  inputMode?: 'numeric';
  lang?: string;
}) {
  const helpId = `${props.id}-help`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.help ? helpId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className="cx-field">
      <label className="cx-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        className="cx-input"
        type="text"
        value={props.value}
        readOnly={props.readOnly}
        inputMode={props.inputMode}
        lang={props.lang}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.help && (
        <p id={helpId} className="cx-help">
          {props.help}
        </p>
      )}
      {props.error && (
        <p id={errorId} className="cx-field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * Creates or edits one department. The contract's schema checks the draft before it is sent; what only the
 * resolver can know (unknown Jira users or groups) comes back at the field it names.
 */
export function DepartmentForm({
  initial,
  title,
  people,
  onSave,
  onCancel,
  onPersonChosen,
  search,
}: DepartmentFormProps) {
  const t = useT();
  const base = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy: saving, during } = useSave();
  const idOf = (f: FieldName) => `${base}-${f}`;
  const set = <K extends keyof DepartmentDraft>(key: K, value: DepartmentDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  };
  // Opening the form moves the focus into it: the id for a new department, the Chinese name for an edit.
  useEffect(() => {
    document.getElementById(idOf(initial.version === null ? 'id' : 'nameZh'))?.focus();
  }, []);
  const focusFirst = (found: FieldErrors) => {
    const first = FIELDS.find((f) => found[f]);
    if (first) document.getElementById(idOf(first))?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const found = checkDraft(draft, t.locale);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    const problem = await during(() => onSave(draft));
    if (!problem) return;
    setErrors(problem.fields ?? {});
    setFormError(problem.form ?? null);
    if (problem.fields) focusFirst(problem.fields);
  };

  const picker = (field: 'headAccountId' | 'interfaceAccountId', label: string, help: string): ReactNode => (
    <UserPicker
      inputId={idOf(field)}
      label={label}
      help={help}
      error={errors[field]}
      multiple={false}
      value={draft[field] ? [draft[field]] : []}
      people={people}
      search={search}
      onChange={(ids, chosen) => {
        if (chosen) onPersonChosen(chosen);
        set(field, ids[0] ?? null);
      }}
    />
  );
  const hasFieldErrors = FIELDS.some((f) => errors[f]);

  return (
    <form className="cx-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`} className="cx-heading-2">
        {title}
      </h2>
      {(formError || hasFieldErrors) && (
        <div role="alert">
          <Notice tone="error" title={t('admin.saveFailed')} className="cx-error-message">
            {formError ?? t('admin.form.fixFields')}
          </Notice>
        </div>
      )}
      <div className="cx-form-grid">
        <TextField
          id={idOf('id')}
          label={t('admin.form.id')}
          help={t('admin.form.idHelp')}
          error={errors.id}
          value={draft.id}
          readOnly={initial.version !== null}
          onChange={(v) => set('id', v)}
          lang="en"
        />
        <TextField
          id={idOf('nameZh')}
          label={t('admin.form.nameZh')}
          error={errors.nameZh}
          value={draft.nameZh}
          onChange={(v) => set('nameZh', v)}
          lang="zh-CN"
        />
        <TextField
          id={idOf('nameEn')}
          label={t('admin.form.nameEn')}
          error={errors.nameEn}
          value={draft.nameEn}
          onChange={(v) => set('nameEn', v)}
          lang="en"
        />
        {picker('headAccountId', t('admin.form.head'), t('admin.form.headHelp'))}
        {picker('interfaceAccountId', t('admin.form.interface'), t('admin.form.interfaceHelp'))}
        <TextField
          id={idOf('responseHours')}
          label={t('admin.form.responseHours')}
          help={t('admin.form.responseHoursHelp')}
          error={errors.responseHours}
          value={draft.responseHours}
          inputMode="numeric"
          onChange={(v) => set('responseHours', v)}
        />
        <TextField
          id={idOf('jiraGroup')}
          label={t('admin.form.jiraGroup')}
          help={t('admin.form.jiraGroupHelp')}
          error={errors.jiraGroup}
          value={draft.jiraGroup}
          onChange={(v) => set('jiraGroup', v)}
        />
        <UserPicker
          inputId={idOf('memberAccountIds')}
          label={t('admin.form.members')}
          help={t('admin.form.membersHelp')}
          error={errors.memberAccountIds}
          multiple
          value={draft.memberAccountIds}
          people={people}
          search={search}
          onChange={(ids, chosen) => {
            if (chosen) onPersonChosen(chosen);
            set('memberAccountIds', ids);
          }}
        />
      </div>
      <FormActions busy={saving} save={t('admin.save')} cancel={t('admin.cancel')} onCancel={onCancel} lockCancel />
    </form>
  );
}
