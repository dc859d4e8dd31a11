import { useId, type FormEvent } from 'react';
import type { AppErrorBody, DepartmentRef, DependencyView, RaiseEscalationInput } from '@contract';
import { departmentName } from '../../../shared/departments';
import { useT } from '../../../shared/i18n';
import { ErrorNotice } from '../../../shared/ui/notice';
import { FormActions } from '../../../shared/ui/form-actions';
import { useSave } from '../../../shared/ui/save';

export interface RaiseFormProps {
  departments: readonly DepartmentRef[];
  lateDependencies: readonly DependencyView[];
  onSubmit(input: Partial<RaiseEscalationInput>): Promise<AppErrorBody | null>;
  onCancel(): void;
}

/** 问题申请单: description, impact, support needed, the department asked and an optional deadline. */
export function RaiseEscalationForm({ departments, lateDependencies, onSubmit, onCancel }: RaiseFormProps) {
  const t = useT();
  const id = useId();
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
