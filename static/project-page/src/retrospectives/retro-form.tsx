import { useState } from 'react';
import { FINDING_CATEGORIES } from '@contract';
import { useT } from '../../../shared/i18n';
import { ErrorScope, Field, FormActions, FormError, splitList, useSave } from '../kit';
import type { ProjectClient, SectionProps } from '../page-context';
import { DIMENSIONS } from './retro-common';

type Scores = Record<(typeof DIMENSIONS)[number], string>;

/** Records a retrospective, with or without its feedback scores. */
export function RetroForm(props: {
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
  // One finding a line, per category (流程卡点 / 沟通问题 / 权责漏洞).
  const [findings, setFindings] = useState<Record<(typeof FINDING_CATEGORIES)[number], string>>({
    process: '',
    communication: '',
    accountability: '',
  });
  const save = useSave();
  return (
    <ErrorScope error={save.error} labels={{ findings: t('project.retros.findings') }}>
      <form
        noValidate
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
                findings: FINDING_CATEGORIES.flatMap((category) =>
                  findings[category]
                    .split('\n')
                    .map((text) => text.trim())
                    .filter(Boolean)
                    .map((text) => ({ category, text })),
                ),
                expectedVersion: null,
              }),
            () => props.onDone(true),
          );
        }}
      >
        <div className="cx-form-grid">
          <Field name="versionId" label={t('project.retros.milestone')}>
            {(id, a11y) => (
              <select
                id={id}
                {...a11y}
                className="cx-input"
                value={versionId}
                onChange={(e) => setVersionId(e.target.value)}
              >
                <option value="">{t('project.retros.endOfProject')}</option>
                {props.milestones.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="heldOn" label={t('project.retros.heldOn')}>
            {(id, a11y) => (
              <input
                id={id}
                {...a11y}
                className="cx-input"
                type="date"
                required
                value={heldOn}
                onChange={(e) => setHeldOn(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field name="wentWell" label={t('project.retros.wentWell')}>
          {(id, a11y) => (
            <textarea
              id={id}
              {...a11y}
              className="cx-input"
              rows={3}
              maxLength={4000}
              value={wentWell}
              onChange={(e) => setWentWell(e.target.value)}
            />
          )}
        </Field>
        <Field name="toImprove" label={t('project.retros.toImprove')}>
          {(id, a11y) => (
            <textarea
              id={id}
              {...a11y}
              className="cx-input"
              rows={3}
              maxLength={4000}
              value={toImprove}
              onChange={(e) => setToImprove(e.target.value)}
            />
          )}
        </Field>
        <fieldset className="cx-form-grid">
          <legend className="cx-label">{t('project.retros.findings')}</legend>
          {FINDING_CATEGORIES.map((c) => (
            <Field key={c} label={t(`project.retros.finding.${c}`)} help={t('project.retros.findingsHelp')}>
              {(id, a11y) => (
                <textarea
                  id={id}
                  {...a11y}
                  className="cx-input"
                  rows={2}
                  value={findings[c]}
                  onChange={(e) => setFindings({ ...findings, [c]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <fieldset className="cx-form-grid">
          <legend className="cx-label">
            <label>
              <input type="checkbox" checked={withScores} onChange={(e) => setWithScores(e.target.checked)} />{' '}
              {t('project.retros.scores')}
            </label>
          </legend>
          {withScores &&
            DIMENSIONS.map((d) => (
              <Field key={d} name={`scores.${d}`} label={t(`project.retros.score.${d}`)}>
                {(id, a11y) => (
                  <input
                    id={id}
                    {...a11y}
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
        <Field name="tags" label={t('project.common.tags')} help={t('project.common.tagsHelp')}>
          {(id, a11y) => (
            <input id={id} {...a11y} className="cx-input" value={tags} onChange={(e) => setTags(e.target.value)} />
          )}
        </Field>
        <FormError error={save.error} />
        <FormActions busy={save.busy} onCancel={() => props.onDone(false)} />
      </form>
    </ErrorScope>
  );
}
