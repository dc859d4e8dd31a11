import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import type { CharterView, Person } from '@contract';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PersonChip } from '../../../shared/components/PersonChip';
import { Section } from '../../../shared/components/Section';
import { CsvButton, ErrorScope, Field, FormActions, FormError, withData, PersonField, useSave } from '../kit';
import type { ProjectClient, SectionProps } from '../page-context';

function CharterForm(props: {
  view: CharterView;
  client: ProjectClient;
  today: string;
  onDone: (next: CharterView | null) => void;
}) {
  const t = useT();
  const c = props.view.charter;
  const [initiating, setInitiating] = useState(c?.initiatingDepartmentId ?? props.view.departments[0]?.id ?? '');
  const [coordinator, setCoordinator] = useState<string | null>(c?.coordinator.accountId ?? null);
  const [people, setPeople] = useState(new Map<string, Person>(c ? [[c.coordinator.accountId, c.coordinator]] : []));
  const [participating, setParticipating] = useState<string[]>(c?.participatingDepartmentIds ?? []);
  const [goal, setGoal] = useState(c?.goal ?? '');
  const [keyResults, setKeyResults] = useState(c?.keyResults.join('\n') ?? '');
  const [start, setStart] = useState(c?.startDate ?? props.today);
  const [end, setEnd] = useState(c?.endDate ?? props.today);
  const [notes, setNotes] = useState(c?.notes ?? '');
  const save = useSave();
  const name = (d: CharterView['departments'][number]) => departmentName(d, t.locale);
  return (
    <ErrorScope error={save.error} labels={{ participatingDepartmentIds: t('project.charter.participating') }}>
      <form
        noValidate
        className="cx-form"
        aria-label={t('project.charter.write')}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(
            () =>
              props.client.call('saveCharter', {
                initiatingDepartmentId: initiating,
                coordinatorAccountId: coordinator ?? '',
                participatingDepartmentIds: participating,
                goal,
                keyResults: keyResults
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean),
                startDate: start,
                endDate: end,
                notes,
                expectedVersion: c?.version ?? null,
              }),
            (next) => props.onDone(next),
          );
        }}
      >
        <p className="cx-muted">{t('project.charter.resetNote')}</p>
        <div className="cx-form-grid">
          <Field name="initiatingDepartmentId" label={t('project.charter.initiating')}>
            {(id, a11y) => (
              <select
                id={id}
                {...a11y}
                className="cx-input"
                value={initiating}
                onChange={(e) => setInitiating(e.target.value)}
              >
                {props.view.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {name(d)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <PersonField
            client={props.client}
            name="coordinatorAccountId"
            label={t('project.charter.coordinator')}
            value={coordinator}
            people={people}
            onChange={(id, p) => {
              setCoordinator(id);
              if (p) setPeople(new Map(people).set(p.accountId, p));
            }}
          />
          <fieldset className="cx-field">
            <legend className="cx-label">{t('project.charter.participating')}</legend>
            {props.view.departments.map((d) => (
              <label key={d.id}>
                <input
                  type="checkbox"
                  checked={participating.includes(d.id)}
                  onChange={(e) =>
                    setParticipating(
                      e.target.checked ? [...participating, d.id] : participating.filter((x) => x !== d.id),
                    )
                  }
                />{' '}
                {name(d)}
              </label>
            ))}
          </fieldset>
          <Field name="startDate" label={t('project.charter.start')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="date"
                required
                value={start}
                onChange={(e) => setStart(e.target.value)}
              />
            )}
          </Field>
          <Field name="endDate" label={t('project.charter.end')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="date"
                required
                value={end}
                onChange={(e) => setEnd(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field name="goal" label={t('project.charter.goal')}>
          {(id, a11y) => (
            <textarea
              id={id}
              {...a11y}
              className="cx-input"
              rows={2}
              required
              maxLength={2000}
              value={goal}
              onChange={(e) => setGoal(e.target.value)}
            />
          )}
        </Field>
        <Field name="keyResults" label={t('project.charter.keyResults')} help={t('project.charter.keyResultsHelp')}>
          {(id, a11y) => (
            <textarea
              id={id}
              {...a11y}
              className="cx-input"
              rows={4}
              value={keyResults}
              onChange={(e) => setKeyResults(e.target.value)}
            />
          )}
        </Field>
        <Field name="notes" label={t('project.charter.notes')}>
          {(id, a11y) => (
            <textarea
              id={id}
              {...a11y}
              className="cx-input"
              rows={2}
              maxLength={4000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          )}
        </Field>
        <FormError error={save.error} />
        <FormActions busy={save.busy} onCancel={() => props.onDone(null)} />
      </form>
    </ErrorScope>
  );
}

/** The charter (项目基本信息表) and each participating department head's confirmation of its goal (协同目标确认函). */
function CharterPanel({ overview, client, data }: SectionProps & { data: CharterView; retry: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [view, setView] = useState<CharterView | null>(null);
  const [editing, setEditing] = useState(false);
  const confirm = useSave();
  const v = view ?? data;
  const c = v.charter;
  const dept = (id: string) =>
    departmentName(
      v.departments.find((x) => x.id === id),
      t.locale,
      id,
    );
  return (
    <Section
      title={t('project.charter.heading')}
      aside={
        <div className="cx-toolbar">
          {v.viewer.canEdit && !editing && (
            <Button appearance={c ? 'default' : 'primary'} onClick={() => setEditing(true)}>
              {c ? t('project.common.edit') : t('project.charter.write')}
            </Button>
          )}
          {c && (
            <CsvButton
              filename={`${overview.project.key}-charter.csv`}
              header={[
                t('project.charter.initiating'),
                t('project.charter.coordinator'),
                t('project.charter.participating'),
                t('project.charter.goal'),
                t('project.charter.keyResults'),
                t('project.charter.start'),
                t('project.charter.end'),
                t('project.charter.notes'),
              ]}
              rows={() => [
                [
                  dept(c.initiatingDepartmentId),
                  c.coordinator.displayName,
                  c.participatingDepartmentIds.map(dept).join('; '),
                  c.goal,
                  c.keyResults.join('; '),
                  c.startDate,
                  c.endDate,
                  c.notes,
                ],
              ]}
            />
          )}
        </div>
      }
    >
      {editing && (
        <CharterForm
          view={v}
          client={client}
          today={overview.asOf.slice(0, 10)}
          onDone={(next) => {
            setEditing(false);
            if (next) setView(next);
          }}
        />
      )}
      {!c ? (
        <EmptyState>{t('project.charter.empty')}</EmptyState>
      ) : (
        <>
          <div className="cx-table-wrap">
            <table className="cx-table">
              <caption className="cx-visually-hidden">{t('project.charter.heading')}</caption>
              <tbody>
                <tr>
                  <th scope="row">{t('project.charter.initiating')}</th>
                  <td>{dept(c.initiatingDepartmentId)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('project.charter.coordinator')}</th>
                  <td>
                    <PersonChip person={c.coordinator} />
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t('project.charter.participating')}</th>
                  <td>{fmt.list(c.participatingDepartmentIds.map(dept))}</td>
                </tr>
                <tr>
                  <th scope="row">{t('project.charter.goal')}</th>
                  <td>{c.goal}</td>
                </tr>
                <tr>
                  <th scope="row">{t('project.charter.keyResults')}</th>
                  <td>
                    <ol className="cx-reasons">
                      {c.keyResults.map((k) => (
                        <li key={k}>{k}</li>
                      ))}
                    </ol>
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t('project.charter.period')}</th>
                  <td>
                    <time dateTime={c.startDate}>{fmt.date(c.startDate)}</time> –{' '}
                    <time dateTime={c.endDate}>{fmt.date(c.endDate)}</time>
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t('project.charter.notes')}</th>
                  <td>{c.notes || '—'}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <Section title={t('project.charter.confirmations')} level={3}>
            <FormError error={confirm.error} />
            <ul className="cx-rows">
              {c.participatingDepartmentIds.map((id) => {
                const done = c.confirmations.find((x) => x.departmentId === id);
                const head = v.departments.find((d) => d.id === id)?.head ?? null;
                return (
                  <li key={id} className="cx-row">
                    <div className="cx-row-head">
                      <span className="cx-row-title">{dept(id)}</span>
                      {head ? (
                        <PersonChip person={head} />
                      ) : (
                        <span className="cx-muted">{t('project.charter.noHead')}</span>
                      )}
                      {done ? (
                        <Lozenge appearance="success">
                          {t('project.charter.confirmedBy', { name: done.by.displayName, time: fmt.dateTime(done.at) })}
                        </Lozenge>
                      ) : (
                        <Lozenge appearance="moved">{t('project.charter.notConfirmed')}</Lozenge>
                      )}
                      {!done && v.viewer.headOf.includes(id) && (
                        <Button
                          appearance="primary"
                          isDisabled={confirm.busy}
                          onClick={() =>
                            void confirm.run(() => client.call('confirmCharter', { departmentId: id }), setView)
                          }
                        >
                          {t('project.charter.confirm', { department: dept(id) })}
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </Section>
        </>
      )}
    </Section>
  );
}

export const CharterSection = withData((client) => client.call('getCharter', {}), CharterPanel);
