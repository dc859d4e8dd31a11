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
import { useT } from '../../../shared/i18n';
import { ErrorNotice } from '../../../shared/ui/notice';
import { FormActions } from '../../../shared/ui/form-actions';
import { useSave } from '../../../shared/ui/save';

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
  const id = useId();
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const owners = [...new Map(people.map((p) => [p.accountId, p])).values()];
  const raising = useSave();
  const { busy, error } = raising;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const deadline = text('deadline');
    await raising.submit(() =>
      onSubmit({
        description: text('description'),
        impact: text('impact'),
        supportNeeded: text('supportNeeded'),
        departmentAsked: text('departmentAsked'),
        deadline: deadline ? new Date(deadline).toISOString() : null,
        dependencyId: text('dependencyId') || null,
        urgency,
        temporaryOwner: urgency === 'urgent' ? text('temporaryOwner') || null : null,
      }),
    );
  }

  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <form className="cx-inline-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`} className="cx-heading-3">
        {t('escalations.raiseTitle')}
      </h3>
      <ErrorNotice error={error} />
      <label className="cx-field">
        <span className="cx-label">
          {t('escalations.form.description')} <span className="cx-muted">({t('escalations.form.required')})</span>
        </span>
        <textarea
          name="description"
          rows={3}
          required
          maxLength={5000}
          className="cx-input"
          aria-invalid={invalid('description')}
        />
        <span className="cx-help">{t('escalations.form.descriptionHelp')}</span>
      </label>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.form.impact')}</span>
        <textarea name="impact" rows={2} maxLength={2000} className="cx-input" />
      </label>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.form.support')}</span>
        <textarea name="supportNeeded" rows={2} maxLength={2000} className="cx-input" />
      </label>
      <label className="cx-field">
        <span className="cx-label">
          {t('escalations.form.department')} <span className="cx-muted">({t('escalations.form.required')})</span>
        </span>
        <select
          name="departmentAsked"
          required
          className="cx-input"
          defaultValue=""
          aria-invalid={invalid('departmentAsked')}
        >
          <option value="" disabled>
            {t('escalations.form.chooseDepartment')}
          </option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {departmentName(d, t.locale)}
            </option>
          ))}
        </select>
      </label>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.urgency')}</span>
        <select
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
        {urgency === 'urgent' && <span className="cx-help">{t('escalations.urgency.urgentHelp')}</span>}
      </label>
      {urgency === 'urgent' && (
        <label className="cx-field">
          <span className="cx-label">
            {t('escalations.temporaryOwner')} <span className="cx-muted">({t('escalations.form.required')})</span>
          </span>
          <select
            name="temporaryOwner"
            required
            className="cx-input"
            defaultValue=""
            aria-invalid={invalid('temporaryOwner')}
          >
            <option value="" disabled>
              –
            </option>
            {owners.map((p) => (
              <option key={p.accountId} value={p.accountId}>
                {p.displayName}
              </option>
            ))}
          </select>
          <span className="cx-help">{t('escalations.form.temporaryOwnerHelp')}</span>
        </label>
      )}
      <label className="cx-field">
        <span className="cx-label">{t('escalations.form.deadline')}</span>
        <input type="datetime-local" name="deadline" className="cx-input" />
      </label>
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
      <FormActions
        bar="cx-action-bar"
        busy={busy}
        save={t('escalations.form.submit')}
        cancel={t('escalations.form.cancel')}
        onCancel={onCancel}
        lockCancel
      />
    </form>
  );
}
