import { useState } from 'react';
import type { Person, RetrospectiveView } from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { ErrorScope, Field, FormActions, FormError, PersonField, splitList, useSave } from '../kit';
import type { ProjectClient } from '../page-context';

/** Adds an action item, tied to a retrospective or to none. */
export function ActionForm(props: {
  client: ProjectClient;
  retros: readonly RetrospectiveView[];
  today: string;
  onDone: (saved: boolean) => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const [retro, setRetro] = useState(props.retros[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [people, setPeople] = useState(new Map<string, Person>());
  const [due, setDue] = useState(props.today);
  const [tags, setTags] = useState('');
  const save = useSave();
  return (
    <ErrorScope error={save.error}>
      <form
        noValidate
        className="cx-form"
        aria-label={t('project.actions.add')}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(
            () =>
              props.client.call('saveAction', {
                retrospectiveId: retro || null,
                title,
                ownerAccountId: owner ?? '',
                dueDate: due,
                status: 'open',
                tags: splitList(tags),
                expectedVersion: null,
              }),
            () => props.onDone(true),
          );
        }}
      >
        <div className="cx-form-grid">
          <Field name="title" label={t('project.actions.title')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                required
                maxLength={300}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
          <Field name="retrospectiveId" label={t('project.actions.retro')}>
            {(id, a11y) => (
              <select id={id} {...a11y} className="cx-input" value={retro} onChange={(e) => setRetro(e.target.value)}>
                <option value="">{t('project.common.none')}</option>
                {props.retros.map((r) => (
                  <option key={r.id} value={r.id}>
                    {fmt.date(r.heldOn)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <PersonField
            client={props.client}
            name="ownerAccountId"
            label={t('project.common.owner')}
            value={owner}
            people={people}
            onChange={(id, p) => {
              setOwner(id);
              if (p) setPeople(new Map(people).set(p.accountId, p));
            }}
          />
          <Field name="dueDate" label={t('project.common.due')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="date"
                required
                value={due}
                onChange={(e) => setDue(e.target.value)}
              />
            )}
          </Field>
          <Field name="tags" label={t('project.common.tags')} help={t('project.common.tagsHelp')}>
            {(id, a11y) => (
              <input id={id} {...a11y} className="cx-input" value={tags} onChange={(e) => setTags(e.target.value)} />
            )}
          </Field>
        </div>
        <FormError error={save.error} />
        <FormActions busy={save.busy} onCancel={() => props.onDone(false)} />
      </form>
    </ErrorScope>
  );
}
