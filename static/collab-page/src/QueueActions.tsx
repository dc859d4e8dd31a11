import { useId, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { AppErrorBody, DependencyActionName, EscalationAction, QueueItem } from '@contract';
import { useT } from '../../shared/i18n';
import { FormError } from '../../shared/ui/form-error';
import type { CollabClient } from './client';

type Pending = { on: 'dependency'; action: DependencyActionName } | { on: 'escalation'; action: EscalationAction };

/** Actions that take a word or a date before they are sent; the others go at once. */
const DEPENDENCY_WITH_FORM: readonly DependencyActionName[] = ['decline', 'counter'];
const ESCALATION_WITH_FORM: readonly EscalationAction[] = ['resolve', 'reject', 'decide', 'climb'];

/**
 * The row's actions: the same calls, rules and permissions as the issue panel, named by the row's work item.
 * A refusal (not your side, changed meanwhile) shows under the row in the viewer's language.
 */
export function QueueActions({ item, client, onDone }: { item: QueueItem; client: CollabClient; onDone: () => void }) {
  const t = useT();
  const id = useId();
  const [pending, setPending] = useState<Pending | null>(null);
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);

  const send = async (p: Pending) => {
    setBusy(true);
    setError(null);
    const r =
      p.on === 'dependency'
        ? await client.call('actOnQueueDependency', {
            issueKey: item.issueKey,
            dependencyId: item.id,
            action: p.action,
            version: item.version,
            ...(text.trim() ? { text: text.trim() } : {}),
            ...(p.action === 'counter' && date ? { date } : {}),
          })
        : await client.call('actOnQueueEscalation', {
            issueKey: item.issueKey,
            id: item.id,
            action: p.action,
            version: item.version,
            text: text.trim(),
          });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPending(null);
    onDone();
  };

  const start = (p: Pending) => {
    const needsForm =
      p.on === 'dependency' ? DEPENDENCY_WITH_FORM.includes(p.action) : ESCALATION_WITH_FORM.includes(p.action);
    if (needsForm) {
      setPending(p);
      setError(null);
    } else void send(p);
  };

  if (pending) {
    const label =
      pending.on === 'dependency'
        ? t(`dependencies.action.${pending.action}`)
        : t(`escalations.action.${pending.action}`);
    return (
      <form
        className="cx-collab-form"
        aria-label={`${label} · ${item.issueKey}`}
        onSubmit={(e) => {
          e.preventDefault();
          void send(pending);
        }}
      >
        {pending.on === 'dependency' && pending.action === 'counter' ? (
          <label htmlFor={`${id}-date`}>
            {t('collab.form.date')}
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
        ) : null}
        <label htmlFor={`${id}-text`}>
          {pending.on === 'dependency' && pending.action === 'counter' ? t('collab.form.note') : t('collab.form.text')}
          <textarea id={`${id}-text`} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <FormError error={error} />
        <div className="cx-collab-buttons">
          <Button type="submit" appearance="primary" isDisabled={busy}>
            {label}
          </Button>
          <Button appearance="subtle" onClick={() => setPending(null)}>
            {t('collab.form.cancel')}
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div>
      {/* biome-ignore lint/a11y/useSemanticElements: as in the panel, a <fieldset> brings a border and padding the button row does not want; role="group" names the same group. */}
      <div className="cx-collab-buttons" role="group" aria-label={t('dependencies.actionsFor', { key: item.issueKey })}>
        {item.dependencyActions.map((a) => (
          <Button key={a} isDisabled={busy} onClick={() => start({ on: 'dependency', action: a })}>
            {t(`dependencies.action.${a}`)}
          </Button>
        ))}
        {item.escalationActions.map((a) => (
          <Button key={a} isDisabled={busy} onClick={() => start({ on: 'escalation', action: a })}>
            {t(`escalations.action.${a}`)}
          </Button>
        ))}
      </div>
      <FormError error={error} />
    </div>
  );
}
