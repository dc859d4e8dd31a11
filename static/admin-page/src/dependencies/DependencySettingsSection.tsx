import { useId, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { ADMIN_PAGE_FUNCTIONS } from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { useT } from '../../../shared/i18n';
import { NotLoaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { useSave } from '../../../shared/ui/save';
import { Section } from '../../../shared/components/Section';

/** Which Jira link type stands for "waits on": links of it become dependencies, the panel creates it. */
export function DependencySettingsSection({
  client,
  canEdit,
}: {
  client: BridgeClient<typeof ADMIN_PAGE_FUNCTIONS>;
  canEdit: boolean;
}) {
  const t = useT();
  const id = useId();
  const { state, retry } = useCall(() => client.call('getDependencySettings', {}));
  const [choice, setChoice] = useState<string | null>(null);
  const saving = useSave();
  const { busy } = saving;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (state.status !== 'ok') {
    return (
      <Section title={t('dependencies.admin.heading')}>
        <NotLoaded state={state} retry={retry} />
      </Section>
    );
  }
  const current = choice ?? state.data.linkType;
  const type = state.data.available.find((x) => x.name === current);
  const save = () =>
    saving.run(
      () => client.call('saveDependencySettings', { linkType: current }),
      (data) => setMessage({ ok: true, text: t('dependencies.admin.saved', { name: data.linkType }) }),
      (error) => setMessage({ ok: false, text: error.message }),
    );
  return (
    <Section title={t('dependencies.admin.heading')}>
      <div className="cx-field">
        <label className="cx-label" htmlFor={id}>
          {t('dependencies.admin.linkType')}
        </label>
        <select
          id={id}
          className="cx-input"
          value={current}
          disabled={!canEdit || busy}
          aria-describedby={`${id}-help`}
          onChange={(e) => setChoice(e.target.value)}
        >
          {state.data.available.map((x) => (
            <option key={x.name} value={x.name}>
              {x.name} ({x.outward} / {x.inward})
            </option>
          ))}
        </select>
        <p id={`${id}-help`} className="cx-help">
          {t('dependencies.admin.linkTypeHelp', { outward: type?.outward ?? '' })}
        </p>
      </div>
      {canEdit && (
        <div className="cx-form-actions">
          <Button appearance="primary" isDisabled={busy || current === state.data.linkType} onClick={() => void save()}>
            {t('dependencies.admin.save')}
          </Button>
        </div>
      )}
      <p className={message?.ok === false ? 'cx-field-error' : 'cx-help'} role="status">
        {message?.text ?? ''}
      </p>
    </Section>
  );
}
