import { useId, useState, type FormEvent } from 'react';
import {
  URGENCY_TIERS,
  type AppErrorBody,
  type DepartmentRef,
  type DependencyView,
  type Person,
  type RaiseEscalationInput,
  type Urgency,
} from '@contract';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT } from '../../../shared/i18n';
import { ErrorScope } from '../../../shared/ui/error-scope';
import { Field } from '../../../shared/ui/field';
import { FormActions } from '../../../shared/ui/form-actions';
import { FormError } from '../../../shared/ui/form-error';
import { useSave } from '../../../shared/ui/save';
import { isoToWallTime, wallTimeToIso } from '../../../shared/zoned-time';

export interface RaiseFormProps {
  departments: readonly DepartmentRef[];
  lateDependencies: readonly DependencyView[];
  /** Whom an urgent escalation may name as its temporary owner: the people on the issue. */
  people?: readonly Person[];
  onSubmit(input: Partial<RaiseEscalationInput>): Promise<AppErrorBody | null>;
  onCancel(): void;
}

/** 问题申请单: description, impact, support needed, the department asked and an optional deadline. */
export function RaiseEscalationForm({
  departments,
  lateDependencies,
  people = [],
  onSubmit,
  onCancel,
}: RaiseFormProps) {
  const t = useT();
  const fmt = useFormat();
  const id = useId();
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const owners = [...new Map(people.map((p) => [p.accountId, p])).values()];
  const raising = useSave();
  const { busy, error } = raising;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    // The time is the viewer's Jira time zone's wall clock, whatever zone the browser is in.
    const deadline = text('deadline') ? wallTimeToIso(text('deadline'), fmt.timeZone) : null;
    if (deadline && Date.parse(deadline) <= Date.now()) {
      raising.fail({ code: 'VALIDATION', field: 'deadline', message: t('escalations.form.deadlinePast') });
      return;
    }
    await raising.submit(() =>
      onSubmit({
        description: text('description'),
        impact: text('impact'),
        supportNeeded: text('supportNeeded'),
        departmentAsked: text('departmentAsked'),
        deadline,
        dependencyId: text('dependencyId') || null,
        urgency,
        temporaryOwner: urgency === 'urgent' ? text('temporaryOwner') || null : null,
      }),
    );
  }

  const required = (label: string) => `${label} (${t('escalations.form.required')})`;
  return (
    <ErrorScope error={error}>
      <form className="cx-inline-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
        <h3 id={`${id}-title`} className="cx-heading-3">
          {t('escalations.raiseTitle')}
        </h3>
        <Field
          name="description"
          label={required(t('escalations.form.description'))}
          help={t('escalations.form.descriptionHelp')}
        >
          {(fid, a11y) => (
            <textarea id={fid} {...a11y} name="description" rows={3} maxLength={5000} className="cx-input" />
          )}
        </Field>
        <Field name="impact" label={t('escalations.form.impact')}>
          {(fid, a11y) => <textarea id={fid} {...a11y} name="impact" rows={2} maxLength={2000} className="cx-input" />}
        </Field>
        <Field name="supportNeeded" label={t('escalations.form.support')}>
          {(fid, a11y) => (
            <textarea id={fid} {...a11y} name="supportNeeded" rows={2} maxLength={2000} className="cx-input" />
          )}
        </Field>
        <Field name="departmentAsked" label={required(t('escalations.form.department'))}>
          {(fid, a11y) => (
            <select id={fid} {...a11y} name="departmentAsked" className="cx-input" defaultValue="">
              <option value="" disabled>
                {t('escalations.form.chooseDepartment')}
              </option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {departmentName(d, t.locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          name="urgency"
          label={t('escalations.urgency')}
          {...(urgency === 'urgent' ? { help: t('escalations.urgency.urgentHelp') } : {})}
        >
          {(fid, a11y) => (
            <select
              id={fid}
              {...a11y}
              name="urgency"
              className="cx-input"
              value={urgency}
              onChange={(e) => setUrgency(e.target.value as Urgency)}
            >
              {URGENCY_TIERS.map((u) => (
                <option key={u} value={u}>
                  {t(`escalations.urgency.${u}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {urgency === 'urgent' && (
          <Field
            name="temporaryOwner"
            label={required(t('escalations.temporaryOwner'))}
            help={t('escalations.form.temporaryOwnerHelp')}
          >
            {(fid, a11y) => (
              <select id={fid} {...a11y} name="temporaryOwner" className="cx-input" defaultValue="">
                <option value="" disabled>
                  –
                </option>
                {owners.map((p) => (
                  <option key={p.accountId} value={p.accountId}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          name="deadline"
          label={t('escalations.form.deadline')}
          help={t('escalations.form.deadlineZone', { zone: fmt.timeZone })}
        >
          {(fid, a11y) => (
            <input
              id={fid}
              {...a11y}
              type="datetime-local"
              name="deadline"
              min={isoToWallTime(new Date().toISOString(), fmt.timeZone)}
              className="cx-input"
            />
          )}
        </Field>
        {lateDependencies.length > 0 && (
          <label className="cx-field">
            <span className="cx-label">{t('escalations.form.fromDependency')}</span>
            <select name="dependencyId" className="cx-input" defaultValue="">
              <option value="">–</option>
              {lateDependencies.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.other ? `${d.other.key} ${d.deliverable || d.other.summary}` : d.deliverable || d.id}
                </option>
              ))}
            </select>
          </label>
        )}
        <FormError error={error} />
        <FormActions
          bar="cx-action-bar"
          busy={busy}
          save={t('escalations.form.submit')}
          cancel={t('escalations.form.cancel')}
          onCancel={onCancel}
          lockCancel
        />
      </form>
    </ErrorScope>
  );
}
