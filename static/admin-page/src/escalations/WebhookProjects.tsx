import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import type { ADMIN_PAGE_FUNCTIONS } from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { useT } from '../../../shared/i18n';
import { Field } from '../../../shared/ui/field';
import { FormError } from '../../../shared/ui/form-error';
import { useSave } from '../../../shared/ui/save';
import { Section } from '../../../shared/components/Section';

type Client = BridgeClient<typeof ADMIN_PAGE_FUNCTIONS>;

/** Project keys as an admin types them: separated by commas, spaces or new lines, any case. */
export function parseProjectKeys(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,，、;；]+/)
        .map((k) => k.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

/**
 * The projects whose issues the escalation web trigger accepts (a Jira admin's list; none listed, none
 * accepted), saved through the admin resolver, which checks each key with Jira.
 */
export function WebhookProjects({
  client,
  allowed,
  canEdit,
  onSaved,
}: {
  client: Client;
  allowed: readonly string[];
  canEdit: boolean;
  onSaved: (allowed: string[]) => void;
}) {
  const t = useT();
  const [text, setText] = useState(allowed.join(', '));
  const [saved, setSaved] = useState(false);
  const save = useSave();

  function submit() {
    setSaved(false);
    void save.run(
      () => client.call('saveWebhookProjects', { projectKeys: parseProjectKeys(text) }),
      (data) => {
        setText(data.allowedProjects.join(', '));
        setSaved(true);
        onSaved(data.allowedProjects);
      },
    );
  }

  return (
    <Section title={t('escalations.admin.projects')}>
      <p className="cx-meta">{t('escalations.admin.projectsHelp')}</p>
      {allowed.length === 0 && <p>{t('escalations.admin.projectsNone')}</p>}
      <Field label={t('escalations.admin.projectsLabel')}>
        {(id) => (
          <input
            id={id}
            className="cx-input"
            value={text}
            placeholder="PAY, AICS"
            disabled={!canEdit || save.busy}
            onChange={(e) => {
              setText(e.target.value);
              setSaved(false);
            }}
          />
        )}
      </Field>
      <FormError error={save.error} />
      {saved && <p role="status">{t('escalations.admin.projectsSaved')}</p>}
      {canEdit && (
        <div className="cx-form-actions">
          <Button appearance="primary" isDisabled={save.busy} onClick={submit}>
            {t('escalations.admin.projectsSave')}
          </Button>
        </div>
      )}
    </Section>
  );
}
