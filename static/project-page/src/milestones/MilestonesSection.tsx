import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { DepartmentRef, Locale, MilestoneHealth } from '@contract';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { Loading } from '../../../shared/components/Loading';
import { Section } from '../../../shared/components/Section';
import { CsvButton, ErrorScope, Field, FormActions, FormError, HeadRow, HealthLozenge, useSave } from '../kit';
import type { ProjectClient, SectionProps } from '../page-context';
import { milestoneReason } from '../kit/health';

const WeeklyLines = lazy(async () => ({ default: (await import('../kit/charts')).WeeklyLines }));

function deptName(departments: readonly DepartmentRef[], id: string | null, locale: Locale): string | null {
  return (
    id &&
    departmentName(
      departments.find((x) => x.id === id),
      locale,
      id,
    )
  );
}

function PlanForm(props: {
  milestone: MilestoneHealth;
  departments: readonly DepartmentRef[];
  client: ProjectClient;
  onDone: (saved: boolean) => void;
}) {
  const { milestone: m } = props;
  const t = useT();
  const [buffer, setBuffer] = useState(String(m.bufferDays));
  const [owner, setOwner] = useState(m.ownerDepartmentId ?? '');
  const save = useSave();
  return (
    <ErrorScope error={save.error}>
      <form
        noValidate
        className="cx-form"
        aria-label={t('project.ms.editPlan', { name: m.name })}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(
            () =>
              props.client.call('saveMilestonePlan', {
                versionId: m.id,
                bufferDays: Number(buffer),
                ownerDepartmentId: owner || null,
                expectedVersion: m.planVersion,
              }),
            () => props.onDone(true),
          );
        }}
      >
        <div className="cx-form-grid">
          <Field name="bufferDays" label={t('project.ms.bufferDaysLabel')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="number"
                min={0}
                max={90}
                step={1}
                required
                value={buffer}
                onChange={(e) => setBuffer(e.target.value)}
              />
            )}
          </Field>
          <Field name="ownerDepartmentId" label={t('project.ms.ownerDept')}>
            {(id, a11y) => (
              <select id={id} {...a11y} className="cx-input" value={owner} onChange={(e) => setOwner(e.target.value)}>
                <option value="">{t('project.common.none')}</option>
                {props.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {departmentName(d, t.locale)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <FormError error={save.error} />
        <FormActions busy={save.busy} onCancel={() => props.onDone(false)} />
      </form>
    </ErrorScope>
  );
}

/** Milestones (the project's Jira versions) with buffer, owner department, health and its reasons, and a burn-up each. */
export function MilestonesSection({ overview, client, refresh }: SectionProps) {
  const { milestones, departments } = overview;
  const projectName = overview.project.name;
  const t = useT();
  const fmt = useFormat();
  const [editing, setEditing] = useState<string | null>(null);
  const reasonText = (m: MilestoneHealth) => m.reasons.map((r) => milestoneReason(t, fmt, r));
  return (
    <Section
      title={t('page.milestones.heading')}
      aside={
        milestones.length > 0 && (
          <CsvButton
            filename={`${overview.project.key}-milestones.csv`}
            header={[
              t('page.milestones.name'),
              t('page.milestones.releaseDate'),
              t('project.ms.buffer'),
              t('project.ms.ownerDept'),
              t('project.ms.health'),
              t('project.ms.progress'),
              t('page.stat.overdueOpen'),
              t('project.ms.reasons'),
            ]}
            rows={() =>
              milestones.map((m) => [
                m.name,
                m.releaseDate,
                m.bufferDays,
                deptName(departments, m.ownerDepartmentId, t.locale),
                t(`project.ms.health.${m.health}`),
                `${m.issues.done}/${m.issues.total}`,
                m.issues.overdue,
                reasonText(m).join('; '),
              ])
            }
          />
        )
      }
    >
      {milestones.length === 0 ? (
        <EmptyState>{t('page.milestones.empty')}</EmptyState>
      ) : (
        <>
          <div className="cx-table-wrap">
            <table className="cx-table">
              <caption>{t('page.milestones.caption', { project: projectName })}</caption>
              <HeadRow
                labels={[
                  t('page.milestones.name'),
                  t('page.milestones.releaseDate'),
                  t('project.ms.buffer'),
                  t('project.ms.ownerDept'),
                  t('project.ms.progress'),
                  t('project.ms.health'),
                ]}
                hidden={[t('project.common.edit')]}
              />
              <tbody>
                {milestones.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.name}</th>
                    <td>
                      {m.releaseDate ? (
                        <time dateTime={m.releaseDate}>{fmt.date(m.releaseDate)}</time>
                      ) : (
                        <span className="cx-muted">{t('common.noDate')}</span>
                      )}
                    </td>
                    <td>{t.plural('project.ms.bufferDays', m.bufferDays)}</td>
                    <td>
                      {deptName(departments, m.ownerDepartmentId, t.locale) ?? (
                        <span className="cx-muted">{t('project.common.none')}</span>
                      )}
                    </td>
                    <td>
                      {t('project.ms.progressValue', {
                        done: fmt.number(m.issues.done),
                        total: fmt.number(m.issues.total),
                      })}
                    </td>
                    <td>
                      <HealthLozenge health={m.health} />
                      {m.reasons.length > 0 && (
                        <ul className="cx-reasons" aria-label={t('project.ms.reasons')}>
                          {reasonText(m).map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <Button
                        appearance="subtle"
                        onClick={() => setEditing(m.id)}
                        aria-label={t('project.ms.editPlanButton', { name: m.name })}
                      >
                        {t('project.common.edit')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {editing && (
            <PlanForm
              key={editing}
              milestone={milestones.find((m) => m.id === editing)!}
              departments={departments}
              client={client}
              onDone={(saved) => {
                setEditing(null);
                if (saved) refresh();
              }}
            />
          )}
          {milestones
            .filter((m) => !m.released)
            .map((m) => (
              <Section key={m.id} title={t('project.ms.burnup', { name: m.name })} level={3}>
                {m.burnup.length === 0 ? (
                  <EmptyState>{t('project.ms.burnupEmpty')}</EmptyState>
                ) : (
                  <Suspense fallback={<Loading />}>
                    <WeeklyLines
                      label={t('project.ms.burnup', { name: m.name })}
                      data={m.burnup}
                      series={[
                        { key: 'scope', label: t('project.ms.scope'), token: '--ds-chart-neutral' },
                        { key: 'done', label: t('project.ms.done'), token: '--ds-chart-success' },
                      ]}
                    />
                  </Suspense>
                )}
              </Section>
            ))}
        </>
      )}
    </Section>
  );
}
