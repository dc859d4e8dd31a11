import { useState } from 'react';
import { RISK_STATUSES, type Person, type RiskView } from '@contract';
import { useT } from '../../../shared/i18n';
import { ErrorScope, Field, FormActions, FormError, PersonField, splitList, useSave } from '../kit';
import type { ProjectClient } from '../page-context';

/** Adds a risk, or edits one when given it. */
export function RiskForm(props: {
  risk: RiskView | null;
  client: ProjectClient;
  onDone: (saved: boolean) => void;
  today: string;
}) {
  const t = useT();
  const r = props.risk;
  const [title, setTitle] = useState(r?.title ?? '');
  const [probability, setProbability] = useState(String(r?.probability ?? 3));
  const [impact, setImpact] = useState(String(r?.impact ?? 3));
  const [owner, setOwner] = useState<string | null>(r?.owner.accountId ?? null);
  const [deputy, setDeputy] = useState<string | null>(r?.deputy?.accountId ?? null);
  const [response, setResponse] = useState(r?.response ?? '');
  const [status, setStatus] = useState<RiskView['status']>(r?.status ?? 'open');
  const [reviewDate, setReviewDate] = useState(r?.reviewDate ?? props.today);
  const [issues, setIssues] = useState(r?.issueKeys.join(', ') ?? '');
  const [depIds, setDepIds] = useState(r?.dependencyIds.join(', ') ?? '');
  const [people, setPeople] = useState(
    () => new Map<string, Person>([r?.owner, r?.deputy].filter((p): p is Person => !!p).map((p) => [p.accountId, p])),
  );
  const remember = (p?: Person) => p && setPeople((m) => new Map(m).set(p.accountId, p));
  const save = useSave();
  return (
    <ErrorScope
      error={save.error}
      labels={{ ownerAccountId: t('project.common.owner'), deputyAccountId: t('project.risks.deputy') }}
    >
      <form
        noValidate
        className="cx-form"
        aria-label={r ? t('project.risks.edit') : t('project.risks.add')}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(
            () =>
              props.client.call('saveRisk', {
                ...(r ? { id: r.id } : {}),
                title,
                probability: Number(probability),
                impact: Number(impact),
                ownerAccountId: owner ?? '',
                deputyAccountId: deputy,
                response,
                status,
                reviewDate,
                issueKeys: splitList(issues).map((k) => k.toUpperCase()),
                dependencyIds: splitList(depIds),
                expectedVersion: r?.version ?? null,
              }),
            () => props.onDone(true),
          );
        }}
      >
        <div className="cx-form-grid">
          <Field name="title" label={t('project.risks.title')}>
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
          <Field name="status" label={t('project.common.status')}>
            {(id, a11y) => (
              <select
                id={id}
                {...a11y}
                className="cx-input"
                value={status}
                onChange={(e) => setStatus(e.target.value as RiskView['status'])}
              >
                {RISK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`project.risks.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="probability" label={t('project.risks.probability')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="number"
                min={1}
                max={5}
                required
                value={probability}
                onChange={(e) => setProbability(e.target.value)}
              />
            )}
          </Field>
          <Field name="impact" label={t('project.risks.impact')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="number"
                min={1}
                max={5}
                required
                value={impact}
                onChange={(e) => setImpact(e.target.value)}
              />
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
              remember(p);
            }}
          />
          <PersonField
            client={props.client}
            name="deputyAccountId"
            label={t('project.risks.deputy')}
            value={deputy}
            people={people}
            onChange={(id, p) => {
              setDeputy(id);
              remember(p);
            }}
          />
          <Field name="reviewDate" label={t('project.risks.reviewDate')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="date"
                required
                value={reviewDate}
                onChange={(e) => setReviewDate(e.target.value)}
              />
            )}
          </Field>
          <Field name="issueKeys" label={t('project.risks.issues')} help={t('project.risks.issuesHelp')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                value={issues}
                onChange={(e) => setIssues(e.target.value)}
              />
            )}
          </Field>
          <Field
            name="dependencyIds"
            label={t('project.risks.dependencies')}
            help={t('project.risks.dependenciesHelp')}
          >
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                value={depIds}
                onChange={(e) => setDepIds(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field name="response" label={t('project.risks.response')}>
          {(id, a11y) => (
            <textarea
              id={id}
              {...a11y}
              className="cx-input"
              rows={3}
              maxLength={2000}
              value={response}
              onChange={(e) => setResponse(e.target.value)}
            />
          )}
        </Field>
        <FormError error={save.error} />
        <FormActions busy={save.busy} onCancel={() => props.onDone(false)} />
      </form>
    </ErrorScope>
  );
}
