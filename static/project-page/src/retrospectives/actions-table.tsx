import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import {
  ACTION_STATUSES,
  LIST_PAGE_SIZE,
  type ActionPage,
  type ActionView,
  type RetrospectivesView as RetrospectivesData,
} from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PersonChip } from '../../../shared/components/PersonChip';
import { WorkItemLink } from '../../../shared/components/WorkItemLink';
import { Section } from '../../../shared/components/Section';
import { CsvButton, FormError, HeadRow, ListFooter, readAllPages, usePagedList, useSave } from '../kit';
import type { ProjectClient } from '../page-context';
import { Tags } from './retro-common';

const actionPage = (d: ActionPage) => ({ items: d.actions, next: d.next });
const ACTION_APPEARANCE = { open: 'default', 'in-progress': 'inprogress', done: 'success' } as const;

/** The action items a page at a time, most urgent first as the server ranks them; the export reads every page. */
export function ActionsTable({
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
                    {a.issueKey ? (
                      <WorkItemLink issueKey={a.issueKey} />
                    ) : view.canEdit && a.status !== 'done' ? (
                      <Button
                        appearance="default"
                        isDisabled={save.busy}
                        onClick={() => void save.run(() => client.call('createActionIssue', { id: a.id }), onChanged)}
                      >
                        {t('project.actions.makeIssue')}
                      </Button>
                    ) : (
                      <span className="cx-muted">{t('project.common.none')}</span>
                    )}
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
