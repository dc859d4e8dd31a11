import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import type { Person, RaciView } from '@contract';
import { useT, type MessageKey } from '../../shared/i18n';
import { EmptyState } from '../../shared/components/EmptyState';
import { PersonChip } from '../../shared/components/PersonChip';
import { Section } from '../../shared/components/Section';

function People({ people }: { people: readonly Person[] }) {
  const t = useT();
  if (people.length === 0) return <span className="cx-muted">{t('common.nobody')}</span>;
  return (
    <ul className="cx-inline-list">
      {people.map((p) => (
        <li key={p.accountId}>
          <PersonChip person={p} />
        </li>
      ))}
    </ul>
  );
}

export function RaciSection({ raci }: { raci: RaciView }) {
  const t = useT();
  const roles: ReadonlyArray<[MessageKey, readonly Person[]]> = [
    ['panel.raci.responsible', raci.responsible],
    ['panel.raci.accountable', raci.accountable ? [raci.accountable] : []],
    ['panel.raci.consulted', raci.consulted],
    ['panel.raci.informed', raci.informed],
  ];
  const nobodyAtAll = roles.every(([, people]) => people.length === 0);

  return (
    <Section
      title={t('panel.raci.heading')}
      aside={
        <Lozenge appearance={raci.complete ? 'success' : 'moved'}>
          {t(raci.complete ? 'panel.raci.complete' : 'panel.raci.incomplete')}
        </Lozenge>
      }
    >
      {nobodyAtAll ? (
        <EmptyState>{t('panel.raci.empty')}</EmptyState>
      ) : (
        <dl className="cx-roles">
          {roles.map(([label, people]) => (
            <div key={label} className="cx-role">
              <dt>{t(label)}</dt>
              <dd>
                <People people={people} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {raci.findings.length > 0 && (
        <div className="cx-raci-findings">
          <SectionMessage appearance="warning" title={t('panel.raci.findingsTitle')} headingLevel="h3">
            <ul className="cx-findings">
              {raci.findings.map((code) => (
                <li key={code}>{t(`panel.raci.finding.${code}`)}</li>
              ))}
            </ul>
          </SectionMessage>
        </div>
      )}
    </Section>
  );
}
