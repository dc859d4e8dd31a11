import type { Locale, MyQueue, QueueItem } from '@contract';
import { departmentName } from '../../shared/departments';
import { useFormat, useT } from '../../shared/i18n';
import { openIssue } from '../../shared/navigation';
import { EmptyState } from '../../shared/components/EmptyState';
import type { CollabClient } from './client';
import { QueueActions } from './QueueActions';

function Due({ item }: { item: QueueItem }) {
  const t = useT();
  const fmt = useFormat();
  if (item.kind === 'escalation' && item.dueAt === null)
    return <span className="cx-collab-late">{t('collab.breached')}</span>;
  if (item.hoursLeft !== null)
    return (
      <span className={item.late ? 'cx-collab-late' : ''} title={item.dueAt ? fmt.dateTimeLong(item.dueAt) : undefined}>
        {item.hoursLeft < 0
          ? t('collab.hoursLate', { n: fmt.number(-item.hoursLeft) })
          : t('collab.hoursLeft', { n: fmt.number(item.hoursLeft) })}
      </span>
    );
  if (item.dueDate)
    return (
      <span className={item.late ? 'cx-collab-late' : ''}>
        {t('collab.dueDate', { date: fmt.date(item.dueDate) })}
        {item.late ? ` · ${t('collab.late')}` : ''}
      </span>
    );
  return null;
}

function kindLabel(t: ReturnType<typeof useT>, item: QueueItem): string {
  return item.kind === 'escalation'
    ? t('collab.kind.escalation', { level: item.level })
    : t(`collab.kind.${item.kind}`);
}

/** The queue: counts, then one row per item with its time left and the actions the viewer may take. */
export function QueueView({
  queue,
  client,
  locale,
  onActed,
}: {
  queue: MyQueue;
  client: CollabClient;
  locale: Locale;
  /** After an action: the page says so and reloads the queue. */
  onActed: (issueKey: string) => void;
}) {
  const t = useT();
  const c = queue.counts;
  return (
    <section aria-labelledby="cx-collab-queue">
      <p id="cx-collab-queue" className="cx-subtitle">
        {t('collab.queue.subtitle')}
      </p>
      <p className="cx-note">
        {queue.department
          ? t('collab.queue.department', { name: departmentName(queue.department, locale) })
          : t('collab.queue.noDepartment')}
      </p>
      <ul className="cx-collab-counts" aria-label={t('collab.queue.caption')}>
        <li>{t.plural('collab.count.response', c.response)}</li>
        <li>{t.plural('collab.count.owed', c.owed)}</li>
        <li>{t.plural('collab.count.counter', c.counter)}</li>
        <li>{t.plural('collab.count.escalation', c.escalation)}</li>
        <li className={c.late ? 'cx-collab-late' : ''}>{t.plural('collab.count.late', c.late)}</li>
      </ul>
      {queue.items.length === 0 ? (
        <EmptyState>{t('collab.queue.empty')}</EmptyState>
      ) : (
        <table className="cx-table cx-collab-table">
          <caption className="cx-visually-hidden">{t('collab.queue.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('collab.col.item')}</th>
              <th scope="col">{t('collab.col.what')}</th>
              <th scope="col">{t('collab.col.department')}</th>
              <th scope="col">{t('collab.col.due')}</th>
              <th scope="col">{t('collab.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((item) => (
              <tr key={`${item.kind}:${item.id}`} data-kind={item.kind} data-late={item.late}>
                <th scope="row">
                  <a
                    href={`/browse/${item.issueKey}`}
                    aria-label={t('collab.open', { key: item.issueKey })}
                    onClick={(e) => {
                      e.preventDefault();
                      openIssue(item.issueKey, e.metaKey || e.ctrlKey);
                    }}
                  >
                    {item.issueKey}
                  </a>
                </th>
                <td>
                  <strong>{kindLabel(t, item)}</strong> {item.title}
                  <br />
                  <span className="cx-note">
                    {item.kind === 'escalation'
                      ? null
                      : item.otherKey
                        ? t('collab.waitingFor', { key: item.otherKey })
                        : t('collab.hiddenOther')}
                  </span>
                </td>
                <td>{departmentName(item.department, locale, '—')}</td>
                <td>
                  <Due item={item} />
                </td>
                <td>
                  <QueueActions item={item} client={client} onDone={() => onActed(item.issueKey)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
