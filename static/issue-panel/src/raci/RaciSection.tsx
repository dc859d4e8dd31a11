import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { type ISSUE_PANEL_FUNCTIONS, RACI_ROLES, type DepartmentRef, type Person, type RaciView } from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { departmentName } from '../../../shared/departments';
import { useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { Loading } from '../../../shared/components/Loading';
import { PersonChip } from '../../../shared/components/PersonChip';
import { Section } from '../../../shared/components/Section';
import { peopleIn, ROLE_LABEL } from '../../../shared/raci-roles';

// The editor (people picker, templates) loads only when someone edits: viewing stays light.
const RaciEditor = lazy(() => import('./RaciEditor'));

function People({
  people,
  departmentOf,
  directory,
}: {
  people: readonly Person[];
  departmentOf: Record<string, string>;
  directory: ReadonlyMap<string, DepartmentRef>;
}) {
  const t = useT();
  if (people.length === 0) return <span className="cx-muted">{t('common.nobody')}</span>;
  return (
    <ul className="cx-inline-list">
      {people.map((p) => {
        const dept = departmentOf[p.accountId];
        return (
          <li key={p.accountId}>
            <PersonChip person={p} />
            {dept && <span className="cx-dept-tag">{departmentName(directory.get(dept), t.locale, dept)}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function DepartmentLevel({ raci, directory }: { raci: RaciView; directory: ReadonlyMap<string, DepartmentRef> }) {
  const t = useT();
  const any = RACI_ROLES.some((r) => raci.departmentRaci[r].length > 0);
  if (!any) return null;
  return (
    <Section title={t('raci.departmentLevel')} level={3}>
      <dl className="cx-roles cx-dept-roles">
        {RACI_ROLES.map((role) => (
          <div key={role} className="cx-role">
            <dt>{t(ROLE_LABEL[role])}</dt>
            <dd>
              {raci.departmentRaci[role].length === 0 ? (
                <span className="cx-muted">{t('common.nobody')}</span>
              ) : (
                <ul className="cx-inline-list">
                  {raci.departmentRaci[role].map((d) => (
                    <li key={d.departmentId}>
                      <Lozenge appearance={d.explicit ? 'inprogress' : 'default'}>
                        {departmentName(directory.get(d.departmentId), t.locale, d.departmentId)}
                      </Lozenge>
                      <span className="cx-help"> {t(d.explicit ? 'raci.explicit' : 'raci.viaPeople')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

export interface RaciSectionProps {
  raci: RaciView;
  canEdit: boolean;
  client: BridgeClient<typeof ISSUE_PANEL_FUNCTIONS>;
  /** Reloads the whole panel, then shows `message` above it (after a conflict). */
  onReload: (message: string) => void;
}

export function RaciSection({ raci: initial, canEdit, client, onReload }: RaciSectionProps) {
  const t = useT();
  const [raci, setRaci] = useState(initial);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const directory = new Map(raci.directory.map((d) => [d.id, d]));
  const nobodyAtAll = RACI_ROLES.every((r) => peopleIn(raci, r).length === 0);

  return (
    <Section
      title={t('panel.raci.heading')}
      aside={
        <Lozenge appearance={raci.complete ? 'success' : 'moved'}>
          {t(raci.complete ? 'panel.raci.complete' : 'panel.raci.incomplete')}
        </Lozenge>
      }
    >
      {editing ? (
        <Suspense fallback={<Loading />}>
          <RaciEditor
            raci={raci}
            client={client}
            onCancel={() => setEditing(false)}
            onSaved={(next) => {
              setRaci(next);
              setEditing(false);
              setSaved(true);
            }}
            onConflict={onReload}
          />
        </Suspense>
      ) : (
        <>
          {saved && (
            <p className="cx-help" role="status">
              {t('raci.saved')}
            </p>
          )}
          {nobodyAtAll ? (
            <EmptyState>{t('panel.raci.empty')}</EmptyState>
          ) : (
            <dl className="cx-roles">
              {RACI_ROLES.map((role) => (
                <div key={role} className="cx-role">
                  <dt>{t(ROLE_LABEL[role])}</dt>
                  <dd>
                    <People people={peopleIn(raci, role)} departmentOf={raci.departmentOf} directory={directory} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <DepartmentLevel raci={raci} directory={directory} />
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
          {canEdit && (
            <div className="cx-form-actions">
              <Button
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('raci.edit')}
              </Button>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
