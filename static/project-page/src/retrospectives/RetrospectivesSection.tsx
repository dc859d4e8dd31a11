import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import {
  ACTION_STATUSES,
  LIST_PAGE_SIZE,
  type ActionPage,
  type ActionView,
  type Person,
  type RetrospectiveView,
  type RetrospectivesView as RetrospectivesData,
} from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PersonChip } from '../../../shared/components/PersonChip';
import { Section } from '../../../shared/components/Section';
import {
  CsvButton,
  Field,
  FormActions,
  FormError,
  HeadRow,
  ListFooter,
  readAllPages,
  usePagedList,
  withData,
  PersonField,
  splitList,
  useSave,
} from '../kit';
import type { ProjectClient, SectionProps } from '../page-context';

const DIMENSIONS = ['communication', 'accountability', 'resources', 'resolution'] as const;
/** Retrospective cards shown at first and per "Show more" (each card is tall; the list comes whole, one per review). */
const RETROS_SHOWN = 10;
const actionPage = (d: ActionPage) => ({ items: d.actions, next: d.next });
type Scores = Record<(typeof DIMENSIONS)[number], string>;

function Tags({ tags, recurring }: { tags: readonly string[]; recurring: readonly string[] }) {
  return (
    <>
      {tags.map((tag) => (
        <span key={tag} className={`cx-tag${recurring.includes(tag) ? ' cx-tag-recurring' : ''}`}>
          #{tag}
        </span>
      ))}
    </>
  );
}

function RetroForm(props: {
  client: ProjectClient;
  milestones: SectionProps['overview']['milestones'];
  today: string;
  onDone: (saved: boolean) => void;
}) {
  const t = useT();
  const [versionId, setVersionId] = useState('');
  const [heldOn, setHeldOn] = useState(props.today);
  const [wentWell, setWentWell] = useState('');
  const [toImprove, setToImprove] = useState('');
  const [withScores, setWithScores] = useState(true);
  const [scores, setScores] = useState<Scores>({
    communication: '4',
    accountability: '4',
    resources: '4',
    resolution: '4',
  });
  const [tags, setTags] = useState('');
  const save = useSave();
  return (
    <form
      className="cx-form"
      aria-label={t('project.retros.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(
          () =>
            props.client.call('saveRetrospective', {
              versionId: versionId || null,
              heldOn,
              wentWell,
              toImprove,
              scores: withScores
                ? {
                    communication: Number(scores.communication),
                    accountability: Number(scores.accountability),
                    resources: Number(scores.resources),
                    resolution: Number(scores.resolution),
                  }
                : null,
              tags: splitList(tags),
              expectedVersion: null,
            }),
          () => props.onDone(true),
        );
      }}
    >
      <div className="cx-form-grid">
        <Field label={t('project.retros.milestone')}>
          {(id) => (
            <select id={id} className="cx-input" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
              <option value="">{t('project.retros.endOfProject')}</option>
              {props.milestones.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('project.retros.heldOn')}>
          {(id) => (
            <input
              id={id}
              className="cx-input"
              type="date"
              required
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('project.retros.wentWell')}>
        {(id) => (
          <textarea
            id={id}
            className="cx-input"
            rows={3}
            maxLength={4000}
            value={wentWell}
            onChange={(e) => setWentWell(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('project.retros.toImprove')}>
        {(id) => (
          <textarea
            id={id}
            className="cx-input"
            rows={3}
            maxLength={4000}
            value={toImprove}
            onChange={(e) => setToImprove(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="cx-form-grid">
        <legend className="cx-label">
          <label>
            <input type="checkbox" checked={withScores} onChange={(e) => setWithScores(e.target.checked)} />{' '}
            {t('project.retros.scores')}
          </label>
        </legend>
        {withScores &&
          DIMENSIONS.map((d) => (
            <Field key={d} label={t(`project.retros.score.${d}`)}>
              {(id) => (
                <input
                  id={id}
                  className="cx-input"
                  type="number"
                  min={1}
                  max={5}
                  required
                  value={scores[d]}
                  onChange={(e) => setScores({ ...scores, [d]: e.target.value })}
                />
              )}
            </Field>
          ))}
      </fieldset>
      <Field label={t('project.common.tags')} help={t('project.common.tagsHelp')}>
        {(id) => <input id={id} className="cx-input" value={tags} onChange={(e) => setTags(e.target.value)} />}
      </Field>
      <FormError error={save.error} />
      <FormActions busy={save.busy} onCancel={() => props.onDone(false)} />
    </form>
  );
}

function ActionForm(props: {
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
    <form
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
        <Field label={t('project.actions.title')}>
          {(id) => (
            <input
              id={id}
              className="cx-input"
              required
              maxLength={300}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('project.actions.retro')}>
          {(id) => (
            <select id={id} className="cx-input" value={retro} onChange={(e) => setRetro(e.target.value)}>
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
          label={t('project.common.owner')}
          value={owner}
          people={people}
          onChange={(id, p) => {
            setOwner(id);
            if (p) setPeople(new Map(people).set(p.accountId, p));
          }}
        />
        <Field label={t('project.common.due')}>
          {(id) => (
            <input
              id={id}
              className="cx-input"
              type="date"
              required
              value={due}
              onChange={(e) => setDue(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('project.common.tags')} help={t('project.common.tagsHelp')}>
          {(id) => <input id={id} className="cx-input" value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
      </div>
      <FormError error={save.error} />
      <FormActions busy={save.busy} onCancel={() => props.onDone(false)} />
    </form>
  );
}

const ACTION_APPEARANCE = { open: 'default', 'in-progress': 'inprogress', done: 'success' } as const;

/** The action items a page at a time, most urgent first as the server ranks them; the export reads every page. */
function ActionsTable({
  view,
  client,
  onChanged,
  projectKey,
  total,
}: {
  view: RetrospectivesData;
  client: ProjectClient;
  onChanged: () => void;
  projectKey: string;
  total: number;
}) {
  const t = useT();
  const fmt = useFormat();
  const save = useSave();
  const retroDate = (id: string | null) => view.retrospectives.find((r) => r.id === id)?.heldOn ?? null;
  const list = usePagedList(
    { items: view.actions, next: view.actionsNext },
    (cursor) => client.call('listActions', { cursor, limit: LIST_PAGE_SIZE }),
    actionPage,
  );
  const actions = list.items;
  const setStatus = (a: ActionView, status: ActionView['status']) =>
    save.run(
      () =>
        client.call('saveAction', {
          id: a.id,
          retrospectiveId: a.retrospectiveId,
          title: a.title,
          ownerAccountId: a.owner.accountId,
          dueDate: a.dueDate,
          status,
          tags: a.tags,
          expectedVersion: a.version,
        }),
      onChanged,
    );
  return (
    <Section
      title={t('project.actions.heading')}
      level={3}
      aside={
        <CsvButton
          filename={`${projectKey}-action-items.csv`}
          header={[
            t('project.actions.title'),
            t('project.common.owner'),
            t('project.common.due'),
            t('project.common.status'),
            t('project.actions.retro'),
            t('project.common.tags'),
            t('project.actions.issue'),
          ]}
          rows={async () =>
            (
              await readAllPages(
                (cursor) => client.call('listActions', { limit: 100, ...(cursor ? { cursor } : {}) }),
                actionPage,
              )
            ).map((a) => [
              a.title,
              a.owner.displayName,
              a.dueDate,
              t(`project.actions.status.${a.status}`),
              retroDate(a.retrospectiveId),
              a.tags.join(' '),
              a.issueKey,
            ])
          }
        />
      }
    >
      <FormError error={save.error} />
      {actions.length === 0 ? (
        <EmptyState>{t('project.actions.empty')}</EmptyState>
      ) : (
        <div className="cx-table-wrap">
          <table className="cx-table">
            <caption className="cx-visually-hidden">{t('project.actions.heading')}</caption>
            <HeadRow
              labels={[
                t('project.actions.title'),
                t('project.common.owner'),
                t('project.common.due'),
                t('project.common.status'),
                t('project.actions.issue'),
              ]}
            />
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.title} <Tags tags={a.tags} recurring={view.recurringTags} />
                  </th>
                  <td>
                    <PersonChip person={a.owner} />
                  </td>
                  <td>
                    <time dateTime={a.dueDate}>{fmt.date(a.dueDate)}</time>
                  </td>
                  <td>
                    {view.canEdit ? (
                      <select
                        className="cx-input"
                        aria-label={t('project.common.status')}
                        value={a.status}
                        disabled={save.busy}
                        onChange={(e) => void setStatus(a, e.target.value as ActionView['status'])}
                      >
                        {ACTION_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`project.actions.status.${s}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <Lozenge appearance={ACTION_APPEARANCE[a.status]}>
                        {t(`project.actions.status.${a.status}`)}
                      </Lozenge>
                    )}{' '}
                    {a.overdue && <Lozenge appearance="removed">{t('project.actions.overdue')}</Lozenge>}{' '}
                    {a.carriedOver && <Lozenge appearance="moved">{t('project.actions.carriedOver')}</Lozenge>}
                  </td>
                  <td>
                    {a.issueKey ??
                      (view.canEdit && a.status !== 'done' ? (
                        <Button
                          appearance="default"
                          isDisabled={save.busy}
                          onClick={() => void save.run(() => client.call('createActionIssue', { id: a.id }), onChanged)}
                        >
                          {t('project.actions.makeIssue')}
                        </Button>
                      ) : (
                        <span className="cx-muted">{t('project.common.none')}</span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {actions.length > 0 && (
        <ListFooter
          shown={actions.length}
          total={total}
          hasMore={list.hasMore}
          busy={list.busy}
          error={list.error}
          pageSize={LIST_PAGE_SIZE}
          label={t('project.actions.heading')}
          onMore={() => void list.more()}
        />
      )}
    </Section>
  );
}

/** Retrospectives (复盘会) with their feedback scores, and the action items (整改清单) that carry over until done. */
export function RetrospectivesView({
  overview,
  client,
  refresh,
  data,
  retry,
}: SectionProps & { data: RetrospectivesData; retry: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [adding, setAdding] = useState<'retro' | 'action' | null>(null);
  const [shown, setShown] = useState(RETROS_SHOWN);
  const view = data;
  const today = view.asOf.slice(0, 10);
  const changed = () => {
    retry();
    refresh();
  };
  const milestoneName = (id: string | null) =>
    id === null ? t('project.retros.endOfProject') : (overview.milestones.find((m) => m.id === id)?.name ?? id);
  return (
    <Section
      title={t('project.retros.heading')}
      aside={
        <div className="cx-toolbar">
          {view.canEdit && (
            <>
              <Button appearance="primary" onClick={() => setAdding('retro')}>
                {t('project.retros.add')}
              </Button>
              <Button appearance="default" onClick={() => setAdding('action')}>
                {t('project.actions.add')}
              </Button>
            </>
          )}
          <CsvButton
            filename={`${overview.project.key}-retrospectives.csv`}
            header={[
              t('project.retros.heldOn'),
              t('project.retros.milestone'),
              t('project.retros.wentWell'),
              t('project.retros.toImprove'),
              ...DIMENSIONS.map((d) => t(`project.retros.score.${d}`)),
              t('project.common.tags'),
            ]}
            rows={() =>
              view.retrospectives.map((r) => [
                r.heldOn,
                milestoneName(r.versionId),
                r.wentWell,
                r.toImprove,
                ...DIMENSIONS.map((d) => r.scores?.[d] ?? null),
                r.tags.join(' '),
              ])
            }
          />
        </div>
      }
    >
      {!view.canEdit && <p className="cx-muted">{t('project.common.readOnly')}</p>}
      {adding === 'retro' && (
        <RetroForm
          client={client}
          milestones={overview.milestones}
          today={today}
          onDone={(saved) => {
            setAdding(null);
            if (saved) changed();
          }}
        />
      )}
      {adding === 'action' && (
        <ActionForm
          client={client}
          retros={view.retrospectives}
          today={today}
          onDone={(saved) => {
            setAdding(null);
            if (saved) changed();
          }}
        />
      )}
      <p className={view.recurringTags.length > 0 ? 'cx-danger-text' : 'cx-muted'} role="status">
        {view.recurringTags.length > 0
          ? t('project.retros.recurring', { tags: view.recurringTags.map((x) => `#${x}`).join(' ') })
          : t('project.retros.recurringNone')}
      </p>
      {view.retrospectives.length === 0 ? (
        <EmptyState>{t('project.retros.empty')}</EmptyState>
      ) : (
        view.retrospectives.slice(0, shown).map((r) => (
          <article key={r.id} className="cx-card">
            <h3 className="cx-heading-3">
              {milestoneName(r.versionId)} · <time dateTime={r.heldOn}>{fmt.date(r.heldOn)}</time>{' '}
              <Tags tags={r.tags} recurring={view.recurringTags} />
            </h3>
            <dl className="cx-facts">
              <div>
                <dt>{t('project.retros.wentWell')}</dt>
                <dd>{r.wentWell || '—'}</dd>
              </div>
              <div>
                <dt>{t('project.retros.toImprove')}</dt>
                <dd>{r.toImprove || '—'}</dd>
              </div>
              {r.scores ? (
                DIMENSIONS.map((d) => (
                  <div key={d}>
                    <dt>{t(`project.retros.score.${d}`)}</dt>
                    <dd>{r.scores![d]} / 5</dd>
                  </div>
                ))
              ) : (
                <div>
                  <dt>{t('project.retros.scores')}</dt>
                  <dd className="cx-muted">{t('project.retros.noScores')}</dd>
                </div>
              )}
            </dl>
          </article>
        ))
      )}
      {view.retrospectives.length > 0 && (
        <ListFooter
          shown={Math.min(shown, view.retrospectives.length)}
          total={view.retrospectives.length}
          hasMore={shown < view.retrospectives.length}
          pageSize={RETROS_SHOWN}
          label={t('project.retros.heading')}
          onMore={() => setShown((n) => n + RETROS_SHOWN)}
        />
      )}
      <ActionsTable
        view={view}
        client={client}
        onChanged={changed}
        projectKey={overview.project.key}
        total={overview.actions.open + overview.actions.done}
      />
    </Section>
  );
}

export const RetrospectivesSection = withData(
  (client) => client.call('listRetrospectives', { limit: LIST_PAGE_SIZE }),
  RetrospectivesView,
);
