import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { URGENCY_TIERS, type AppErrorBody, type CreateDependencyInput, type IssueRef, type Urgency } from '@contract';
import type { CallResult } from '../../../shared/bridge-client';
import { useT } from '../../../shared/i18n';
import { ErrorScope, FieldGroup } from '../../../shared/ui/error-scope';
import { Field } from '../../../shared/ui/field';
import { FormActions } from '../../../shared/ui/form-actions';
import { FormError } from '../../../shared/ui/form-error';
import { useSave } from '../../../shared/ui/save';

type Results =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; issues: IssueRef[] }
  | { status: 'error'; message: string };

/**
 * A new dependency: which way it points, the other issue (found by Jira's search as the viewer), the
 * deliverable and the need-by date. The contract's schema checks the draft; the server checks the rest.
 */
export function AddDependencyForm(props: {
  search: (query: string) => Promise<CallResult<{ issues: IssueRef[] }>>;
  create: (input: CreateDependencyInput) => Promise<AppErrorBody | null>;
  onClose: () => void;
  today: string;
}) {
  const t = useT();
  const base = useId();
  const [direction, setDirection] = useState<'upstream' | 'downstream'>('upstream');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<IssueRef | null>(null);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const [deliverable, setDeliverable] = useState('');
  const [needBy, setNeedBy] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const creating = useSave();
  const { busy, error } = creating;
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const run = ++latest.current;
    if (q === '' || (chosen && q === chosen.key)) {
      setResults({ status: 'idle' });
      return;
    }
    setResults({ status: 'searching' });
    const timer = setTimeout(() => {
      void props.search(q).then((r) => {
        if (run !== latest.current) return;
        setResults(r.ok ? { status: 'done', issues: r.data.issues } : { status: 'error', message: r.error.message });
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await creating.submit(() =>
      props.create({ otherIssueKey: (chosen?.key ?? query).trim(), direction, deliverable, needBy, urgency }),
    );
  };
  const ids = {
    other: `${base}-other`,
    deliverable: `${base}-deliverable`,
    needBy: `${base}-needBy`,
    urgency: `${base}-urgency`,
    list: `${base}-list`,
  };
  return (
    <ErrorScope error={error}>
      <form
        noValidate
        className="cx-inline-form"
        onSubmit={(e) => void onSubmit(e)}
        aria-label={t('dependencies.addTitle')}
      >
        <fieldset className="cx-field">
          <legend className="cx-label">{t('dependencies.direction')}</legend>
          {(['upstream', 'downstream'] as const).map((d) => (
            <label key={d} className="cx-dep-radio">
              <input
                type="radio"
                name={`${base}-direction`}
                value={d}
                checked={direction === d}
                onChange={() => setDirection(d)}
              />
              {t(`dependencies.direction.${d}`)}
            </label>
          ))}
        </fieldset>
        <FieldGroup name="otherIssueKey" label={t('dependencies.otherIssue')} errorId={`${ids.other}-error`}>
          <label className="cx-label" htmlFor={ids.other}>
            {t('dependencies.otherIssue')}
          </label>
          <input
            id={ids.other}
            className="cx-input"
            type="search"
            autoComplete="off"
            value={query}
            aria-controls={ids.list}
            aria-describedby={`${ids.other}-help ${ids.other}-error`}
            onChange={(e) => {
              setQuery(e.target.value);
              setChosen(null);
            }}
          />
          <div id={ids.list} aria-live="polite">
            {results.status === 'searching' && <p className="cx-help">{t('dependencies.searching')}</p>}
            {results.status === 'error' && <p className="cx-field-error">{results.message}</p>}
            {results.status === 'done' && results.issues.length === 0 && (
              <p className="cx-help">{t('dependencies.noMatch')}</p>
            )}
            {results.status === 'done' && results.issues.length > 0 && (
              <ul className="cx-suggestions">
                {results.issues.map((i) => (
                  <li key={i.id}>
                    <button
                      type="button"
                      className="cx-suggestion"
                      onClick={() => {
                        setChosen(i);
                        setQuery(i.key);
                        setResults({ status: 'idle' });
                      }}
                    >
                      <strong>{i.key}</strong> {i.summary}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {chosen && (
              <p className="cx-help">{t('dependencies.chosen', { key: `${chosen.key} ${chosen.summary}` })}</p>
            )}
          </div>
          <p id={`${ids.other}-help`} className="cx-help">
            {t('dependencies.otherIssueHelp')}
          </p>
        </FieldGroup>
        <Field name="deliverable" label={t('dependencies.deliverable')}>
          {(id, a11y) => (
            <input
              id={id}
              {...a11y}
              className="cx-input"
              type="text"
              value={deliverable}
              maxLength={500}
              onChange={(e) => setDeliverable(e.target.value)}
            />
          )}
        </Field>
        <Field name="needBy" label={t('dependencies.needBy')}>
          {(id, a11y) => (
            <input
              id={id}
              {...a11y}
              className="cx-input"
              type="date"
              min={props.today}
              value={needBy}
              onChange={(e) => setNeedBy(e.target.value)}
            />
          )}
        </Field>
        <Field name="urgency" label={t('dependencies.urgency')}>
          {(id, a11y) => (
            <select
              id={id}
              {...a11y}
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
        <FormError error={error} />
        <FormActions
          bar="cx-action-bar"
          compact
          busy={busy}
          save={t('dependencies.create')}
          cancel={t('dependencies.form.cancel')}
          onCancel={props.onClose}
        />
      </form>
    </ErrorScope>
  );
}
