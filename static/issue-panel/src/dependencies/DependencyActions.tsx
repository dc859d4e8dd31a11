import { useId, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/default/button';
import type { AppErrorBody, DependencyActionName, DependencyView } from '@contract';
import { useT } from '../../../shared/i18n';
import { FormActions } from '../../../shared/ui/form-actions';
import { useSave } from '../../../shared/ui/save';

/** What the row asks its section to do; resolves with an error to show, or null once done. */
export type RunAction = (
  dep: DependencyView,
  action: DependencyActionName,
  extra: { text?: string; date?: string; remedy?: string },
) => Promise<AppErrorBody | null>;

/** Actions that need words or a date before they can be sent. */
const NEEDS_FORM: ReadonlySet<DependencyActionName> = new Set(['decline', 'counter', 'explainDelay']);
const PRIMARY: ReadonlySet<DependencyActionName> = new Set(['acknowledge', 'commit', 'deliver', 'acceptCounter']);

/**
 * The buttons for what the viewer may do with one dependency (the server decided which), and the small form
 * a decline, a counter-proposal or a delay explanation needs. Errors come back at the field they name.
 */
export function DependencyActions({ dep, otherKey, run }: { dep: DependencyView; otherKey: string; run: RunAction }) {
  const t = useT();
  const base = useId();
  const [open, setOpen] = useState<DependencyActionName | null>(null);
  const sending = useSave();
  const { busy, error } = sending;
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const [remedy, setRemedy] = useState('');
  if (dep.actions.length === 0) return null;

  const send = async (action: DependencyActionName) => {
    sending.clear();
    const extra =
      action === 'counter'
        ? { text, date }
        : action === 'explainDelay'
          ? { text, remedy }
          : action === 'decline'
            ? { text }
            : {};
    const problem = await sending.submit(() =>
      run(dep, action, Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== ''))),
    );
    if (!problem) setOpen(null);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (open) void send(open);
  };
  const fieldError = (field: string) => (error && error.field === field ? error.message : undefined);
  const field = (
    name: 'text' | 'date' | 'remedy',
    label: string,
    value: string,
    set: (v: string) => void,
    type: 'text' | 'date' = 'text',
  ) => {
    const id = `${base}-${name}`;
    const problem = fieldError(name);
    return (
      <div className="cx-field">
        <label className="cx-label" htmlFor={id}>
          {label}
        </label>
        <input
          id={id}
          className="cx-input"
          type={type}
          value={value}
          onChange={(e) => set(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
        />
        {problem && (
          <p id={`${id}-error`} className="cx-field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  // ADS: one primary button per group; the first of the main actions the viewer may take is it.
  const primary = dep.actions.find((a) => PRIMARY.has(a));
  return (
    <div>
      {/* biome-ignore lint/a11y/useSemanticElements: a <fieldset> brings its own border, padding and margin that .cx-action-bar does not reset; role="group" names the same group. */}
      <div className="cx-action-bar" role="group" aria-label={t('dependencies.actionsFor', { key: otherKey })}>
        {dep.actions.map((a) => (
          <Button
            key={a}
            spacing="compact"
            appearance={a === primary ? 'primary' : a === 'decline' || a === 'cancel' ? 'subtle' : 'default'}
            isDisabled={busy}
            aria-expanded={NEEDS_FORM.has(a) ? open === a : undefined}
            onClick={() => {
              sending.clear();
              if (NEEDS_FORM.has(a)) setOpen(open === a ? null : a);
              else void send(a);
            }}
          >
            {t(`dependencies.action.${a}`)}
          </Button>
        ))}
      </div>
      {open && (
        <form className="cx-inline-form" onSubmit={onSubmit} aria-label={t(`dependencies.action.${open}`)}>
          {open === 'counter' && field('date', t('dependencies.form.date'), date, setDate, 'date')}
          {field(
            'text',
            open === 'counter' ? t('dependencies.form.note') : t('dependencies.form.reason'),
            text,
            setText,
          )}
          {open === 'explainDelay' && field('remedy', t('dependencies.form.remedy'), remedy, setRemedy)}
          <FormActions
            bar="cx-action-bar"
            compact
            busy={busy}
            save={t('dependencies.form.submit')}
            cancel={t('dependencies.form.cancel')}
            onCancel={() => setOpen(null)}
          />
        </form>
      )}
      {error && !['text', 'date', 'remedy'].includes(error.field ?? '') && (
        <p className="cx-field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
