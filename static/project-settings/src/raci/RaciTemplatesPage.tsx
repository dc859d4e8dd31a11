import { useId, useMemo, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import {
  PROJECT_SETTINGS_FUNCTIONS,
  TEMPLATE_PARTIES,
  TEMPLATE_ROLES,
  type RaciTemplate,
  type RaciTemplatesView,
  type TemplateRule,
} from '@contract';
import { createClient, type BridgeClient } from '../../../shared/bridge-client';
import type { AppContext } from '../../../shared/context';
import { useT } from '../../../shared/i18n';
import { TEMPLATE_ROLE_LABEL } from '../../../shared/raci-roles';
import { Loaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { useSave } from '../../../shared/ui/save';
import { EmptyState } from '../../../shared/components/EmptyState';
import type { SettingsPage } from '../settings-page';

type Client = BridgeClient<typeof PROJECT_SETTINGS_FUNCTIONS>;

/** A fresh id no other template in the list has (ids are internal; people see the names). */
function newId(list: readonly RaciTemplate[]): string {
  for (let n = list.length + 1; ; n++) {
    const id = `custom-${n}`;
    if (!list.some((t) => t.id === id)) return id;
  }
}

/** The index of the template an error's field points at ("templates.2.rules" -> 2). */
const templateOfField = (field: string | undefined) =>
  field ? Number(/^templates\.(\d+)/.exec(field)?.[1] ?? NaN) : NaN;

function TemplateEditor({
  template,
  index,
  readOnly,
  error,
  onChange,
  onRemove,
}: {
  template: RaciTemplate;
  index: number;
  readOnly: boolean;
  error: string | null;
  onChange: (t: RaciTemplate) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const id = useId();
  const name = t.locale === 'zh' ? template.nameZh : template.nameEn;
  const setRule = (i: number, change: Partial<TemplateRule>) =>
    onChange({ ...template, rules: template.rules.map((r, j) => (j === i ? { ...r, ...change } : r)) });
  return (
    <fieldset
      className="cx-form cx-template-card"
      data-template={template.id}
      disabled={readOnly}
      aria-invalid={error ? true : undefined}
    >
      <legend className="cx-heading-3">{name || t('raci.settings.newTemplate')}</legend>
      <div className="cx-form-grid">
        <label className="cx-field">
          <span className="cx-label">{t('raci.settings.nameZh')}</span>
          <input
            className="cx-input"
            lang="zh-CN"
            value={template.nameZh}
            maxLength={60}
            onChange={(e) => onChange({ ...template, nameZh: e.target.value })}
          />
        </label>
        <label className="cx-field">
          <span className="cx-label">{t('raci.settings.nameEn')}</span>
          <input
            className="cx-input"
            lang="en"
            value={template.nameEn}
            maxLength={60}
            onChange={(e) => onChange({ ...template, nameEn: e.target.value })}
          />
        </label>
      </div>
      <div className="cx-table-wrap">
        <table className="cx-table">
          <caption id={`${id}-rules`}>{t('raci.settings.rules')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('raci.settings.party')}</th>
              <th scope="col">{t('raci.settings.pick')}</th>
              <th scope="col">{t('raci.settings.role')}</th>
              <th scope="col">
                <span className="cx-visually-hidden">{t('raci.settings.removeRule', { n: '' })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {template.rules.map((r, i) => (
              <tr key={i}>
                <td>
                  <select
                    className="cx-input"
                    aria-label={`${t('raci.settings.party')} ${i + 1}`}
                    value={r.party}
                    onChange={(e) => setRule(i, { party: e.target.value as TemplateRule['party'] })}
                  >
                    {TEMPLATE_PARTIES.map((p) => (
                      <option key={p} value={p}>
                        {t(`raci.party.${p}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    className="cx-input"
                    aria-label={`${t('raci.settings.pick')} ${i + 1}`}
                    value={r.pick}
                    onChange={(e) => setRule(i, { pick: e.target.value as TemplateRule['pick'] })}
                  >
                    <option value="head">{t('raci.pick.head')}</option>
                    <option value="interface">{t('raci.pick.interface')}</option>
                  </select>
                </td>
                <td>
                  <select
                    className="cx-input"
                    aria-label={`${t('raci.settings.role')} ${i + 1}`}
                    value={r.role}
                    onChange={(e) => setRule(i, { role: e.target.value as TemplateRule['role'] })}
                  >
                    {TEMPLATE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(TEMPLATE_ROLE_LABEL[role])}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {!readOnly && (
                    <Button
                      appearance="subtle"
                      isDisabled={template.rules.length <= 1}
                      onClick={() => onChange({ ...template, rules: template.rules.filter((_, j) => j !== i) })}
                    >
                      {t('raci.settings.removeRule', { n: i + 1 })}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="cx-field-error" role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <div className="cx-form-actions">
          <Button
            onClick={() =>
              onChange({
                ...template,
                rules: [...template.rules, { party: 'executing', role: 'responsible', pick: 'interface' }],
              })
            }
          >
            {t('raci.settings.addRule')}
          </Button>
          <Button appearance="subtle" onClick={onRemove}>
            {t('raci.settings.removeTemplate', { name: name || String(index + 1) })}
          </Button>
        </div>
      )}
    </fieldset>
  );
}

function TemplatesForm({
  initial,
  client,
  onReload,
}: {
  initial: RaciTemplatesView;
  client: Client;
  onReload: () => void;
}) {
  const t = useT();
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState<RaciTemplate[]>(initial.templates);
  const saving = useSave();
  const { busy, error } = saving;
  const [saved, setSaved] = useState(false);
  const readOnly = !view.canEdit;
  const errorAt = templateOfField(error?.field);

  const change = (next: RaciTemplate[]) => {
    setDraft(next);
    setSaved(false);
  };
  const save = () =>
    saving.run(
      () => client.call('saveRaciTemplates', { templates: draft, expectedVersion: view.version }),
      (next) => {
        setView(next);
        setDraft(next.templates);
        setSaved(true);
      },
    );

  return (
    <form
      className="cx-settings-form"
      aria-label={t('raci.settings.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {readOnly && <SectionMessage appearance="information">{t('raci.settings.readOnly')}</SectionMessage>}
      {!readOnly && view.isDefault && <p className="cx-help">{t('raci.settings.defaults')}</p>}
      {error && Number.isNaN(errorAt) && (
        <SectionMessage appearance="error">
          <p role="alert">{error.message}</p>
          {error.code === 'CONFLICT' && <Button onClick={onReload}>{t('raci.settings.reload')}</Button>}
        </SectionMessage>
      )}
      {draft.length === 0 && <EmptyState>{t('raci.settings.empty')}</EmptyState>}
      {draft.map((tpl, i) => (
        <TemplateEditor
          key={tpl.id}
          template={tpl}
          index={i}
          readOnly={readOnly || busy}
          error={errorAt === i ? (error?.message ?? null) : null}
          onChange={(next) => change(draft.map((x, j) => (j === i ? next : x)))}
          onRemove={() => change(draft.filter((_, j) => j !== i))}
        />
      ))}
      {!readOnly && (
        <div className="cx-form-actions">
          <Button
            onClick={() =>
              change([
                ...draft,
                {
                  id: newId(draft),
                  nameZh: '',
                  nameEn: '',
                  rules: [
                    { party: 'requesting', role: 'accountable', pick: 'head' },
                    { party: 'executing', role: 'responsible', pick: 'interface' },
                  ],
                },
              ])
            }
          >
            {t('raci.settings.addTemplate')}
          </Button>
          <Button appearance="subtle" onClick={() => change(view.defaults)}>
            {t('raci.settings.restore')}
          </Button>
          <Button type="submit" appearance="primary" isDisabled={busy}>
            {t('raci.settings.save')}
          </Button>
          {saved && (
            <span className="cx-help" role="status">
              {t('raci.settings.saved')}
            </span>
          )}
        </div>
      )}
    </form>
  );
}

/** Project settings → Scenario templates: the project's 权责清单, edited by its administrators. */
function RaciTemplatesPage({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(PROJECT_SETTINGS_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('getRaciTemplateSettings', {}));
  return (
    <>
      <h1 className="cx-title">{t('raci.settings.title')}</h1>
      <p className="cx-subtitle">{t('raci.settings.intro')}</p>
      <Loaded state={state} retry={retry}>
        {(view) => <TemplatesForm key={view.version} initial={view} client={client} onReload={retry} />}
      </Loaded>
    </>
  );
}

export const page: SettingsPage = {
  route: 'raci-templates',
  title: 'raci.settings.title',
  order: 10,
  Component: RaciTemplatesPage,
};
