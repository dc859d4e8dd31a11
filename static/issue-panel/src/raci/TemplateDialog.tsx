import { useId, useMemo, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import {
  type ISSUE_PANEL_FUNCTIONS,
  RACI_ROLES,
  type Person,
  type TemplateParty,
  type TemplatePreview,
} from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { departmentName } from '../../../shared/departments';
import { useT } from '../../../shared/i18n';
import { NotLoaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { useSave } from '../../../shared/ui/save';
import { PersonChip } from '../../../shared/components/PersonChip';
import { ROLE_LABEL, TEMPLATE_ROLE_LABEL } from '../../../shared/raci-roles';

export interface TemplateDialogProps {
  client: BridgeClient<typeof ISSUE_PANEL_FUNCTIONS>;
  onUse: (preview: TemplatePreview) => void;
  onClose: () => void;
}

function PeopleList({ people }: { people: readonly Person[] }) {
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

/**
 * Applies a scenario template (权责清单): choose the template, say which department plays each party
 * (requesting, executing, accepting…), preview the people the directory gives (heads, interface persons),
 * then hand the roles to the editor. Nothing is saved here.
 */
export default function TemplateDialog({ client, onUse, onClose }: TemplateDialogProps) {
  const t = useT();
  const id = useId();
  const { state, retry } = useCall(() => client.call('getRaciTemplates', {}));
  const [templateId, setTemplateId] = useState('');
  const [parties, setParties] = useState<Partial<Record<TemplateParty, string>>>({});
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const previewing = useSave();

  const data = state.status === 'ok' ? state.data : null;
  const template = data?.templates.find((x) => x.id === templateId) ?? data?.templates[0];
  const needed = useMemo(() => [...new Set(template?.rules.map((r) => r.party) ?? [])], [template]);

  const runPreview = async () => {
    if (!template) return;
    if (needed.some((p) => !parties[p])) {
      setProblem(t('raci.template.needParties'));
      return;
    }
    setProblem(null);
    const chosen = Object.fromEntries(needed.map((p) => [p, parties[p]!]));
    await previewing.run(
      () => client.call('previewRaciTemplate', { templateId: template.id, parties: chosen }),
      setPreview,
      (e) => setProblem(e.message),
    );
  };

  return (
    <section className="cx-template" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="cx-heading-3">
        {t('raci.template.title')}
      </h3>
      {state.status !== 'ok' && <NotLoaded state={state} retry={retry} />}
      {data && template && (
        <>
          <div className="cx-field">
            <label className="cx-label" htmlFor={`${id}-template`}>
              {t('raci.template.choose')}
            </label>
            <select
              id={`${id}-template`}
              className="cx-input"
              value={template.id}
              onChange={(e) => {
                setTemplateId(e.target.value);
                setPreview(null);
              }}
            >
              {data.templates.map((x) => (
                <option key={x.id} value={x.id}>
                  {t.locale === 'zh' ? x.nameZh : x.nameEn}
                </option>
              ))}
            </select>
          </div>
          {needed.map((party) => (
            <div key={party} className="cx-field">
              <label className="cx-label" htmlFor={`${id}-${party}`}>
                {t('raci.template.party', { party: t(`raci.party.${party}`) })}
              </label>
              <select
                id={`${id}-${party}`}
                className="cx-input"
                value={parties[party] ?? ''}
                onChange={(e) => {
                  setParties((p) => ({ ...p, [party]: e.target.value }));
                  setPreview(null);
                }}
              >
                <option value="">{t('raci.template.pickDepartment')}</option>
                {data.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {departmentName(d, t.locale)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {problem && (
            <p className="cx-field-error" role="alert">
              {problem}
            </p>
          )}
          {preview && (
            <div className="cx-template-preview" aria-live="polite">
              <h4 className="cx-label">{t('raci.template.previewTitle')}</h4>
              <dl className="cx-roles">
                {RACI_ROLES.map((role) => (
                  <div key={role} className="cx-role">
                    <dt>{t(ROLE_LABEL[role])}</dt>
                    <dd>
                      <PeopleList people={preview[role]} />
                    </dd>
                  </div>
                ))}
                <div className="cx-role">
                  <dt>{t('raci.template.reviewing')}</dt>
                  <dd>
                    <PeopleList people={preview.reviewing} />
                  </dd>
                </div>
              </dl>
              {preview.unfilled.length > 0 && (
                <SectionMessage appearance="warning">
                  <ul className="cx-findings">
                    {preview.unfilled.map((u) => (
                      <li key={`${u.party}-${u.role}`}>
                        {t('raci.template.unfilled', {
                          party: t(`raci.party.${u.party}`),
                          pick: t(`raci.pick.${u.pick}`),
                          role: t(TEMPLATE_ROLE_LABEL[u.role]),
                        })}
                      </li>
                    ))}
                  </ul>
                </SectionMessage>
              )}
              <p className="cx-help">{t('raci.template.useHint')}</p>
              {preview.reviewing.length > 0 && <p className="cx-help">{t('raci.template.reviewingHint')}</p>}
            </div>
          )}
          <div className="cx-form-actions">
            {preview ? (
              <Button appearance="primary" onClick={() => onUse(preview)}>
                {t('raci.template.use')}
              </Button>
            ) : (
              <Button appearance="primary" isDisabled={previewing.busy} onClick={() => void runPreview()}>
                {t('raci.template.preview')}
              </Button>
            )}
            <Button appearance="subtle" onClick={onClose}>
              {t('raci.template.close')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
