import type { OpenEscalations } from '@contract';
import { useFormat, useT } from '../../../shared/i18n';
import { Loaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { Section } from '../../../shared/components/Section';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PersonChip } from '../../../shared/components/PersonChip';
import { WorkItemLink } from '../../../shared/components/WorkItemLink';
import { EscalationLevelLozenge } from '../../../shared/components/StatusLozenge';
import type { ProjectClient } from '../page-context';

const HOUR = 3_600_000;

/** The open escalations themselves, not only their counts: who raised each, its level, age and what is asked. */
export function OpenEscalationsList({ data }: { data: OpenEscalations }) {
  const t = useT();
  const fmt = useFormat();
  if (data.items.length === 0) return <EmptyState>{t('project.openEsc.noOpen')}</EmptyState>;
  const age = (raisedAt: string) => {
    const hours = Math.max(0, Math.floor((Date.parse(data.asOf) - Date.parse(raisedAt)) / HOUR));
    return hours < 48
      ? t('escalations.page.hours', { n: fmt.number(hours) })
      : t('project.openEsc.days', { n: fmt.number(Math.floor(hours / 24)) });
  };
  return (
    <>
      <div className="cx-table-wrap">
        <table className="cx-table" aria-label={t('project.openEsc.openList')}>
          <thead>
            <tr>
              <th scope="col">{t('project.openEsc.workItem')}</th>
              <th scope="col">{t('project.openEsc.asked')}</th>
              <th scope="col">{t('escalations.raisedBy')}</th>
              <th scope="col">{t('escalations.page.level')}</th>
              <th scope="col">{t('project.openEsc.age')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.id} data-open-escalation={e.id}>
                <td>
                  <WorkItemLink issueKey={e.issueKey} summary={e.issueSummary} />
                </td>
                <td>{e.summary}</td>
                <td>{e.raisedBy ? <PersonChip person={e.raisedBy} /> : t('escalations.page.none')}</td>
                <td>
                  <EscalationLevelLozenge level={e.level} />
                </td>
                <td className="cx-nowrap" title={fmt.dateTime(e.raisedAt)}>
                  {age(e.raisedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.more > 0 && <p className="cx-footnote">{t('project.openEsc.more', { n: fmt.number(data.more) })}</p>}
    </>
  );
}

export function OpenEscalationsBlock({ client }: { client: ProjectClient }) {
  const t = useT();
  const { state, retry } = useCall(() => client.call('listOpenEscalations', {}));
  return (
    <Section title={t('project.openEsc.openList')} level={3}>
      <Loaded state={state} retry={retry}>
        {(data) => <OpenEscalationsList data={data} />}
      </Loaded>
    </Section>
  );
}
