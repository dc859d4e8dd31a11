import { lazy, Suspense, useId, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import {
  type ISSUE_PANEL_FUNCTIONS,
  RACI_ROLES,
  type Person,
  type RaciDepartments,
  type RaciRoleName,
  type RaciView,
  type TemplatePreview,
} from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { departmentName } from '../../../shared/departments';
import { useFormat, useT, type MessageKey } from '../../../shared/i18n';
import { Loading } from '../../../shared/components/Loading';
import { ErrorNotice, Notice } from '../../../shared/ui/notice';
import { FormActions } from '../../../shared/ui/form-actions';
import { useSave } from '../../../shared/ui/save';
import { UserPicker } from '../../../shared/components/UserPicker';
import { peopleIn, ROLE_LABEL } from '../../../shared/raci-roles';

const TemplateDialog = lazy(() => import('./TemplateDialog'));

type Draft = Record<RaciRoleName, string[]> & { departments: RaciDepartments };

const HELP: Record<RaciRoleName, MessageKey> = {
  responsible: 'raci.pickerHelp.responsible',
  accountable: 'raci.pickerHelp.accountable',
  consulted: 'raci.pickerHelp.consulted',
  informed: 'raci.pickerHelp.informed',
};

function draftOf(raci: RaciView): Draft {
  return {
    responsible: raci.responsible.map((p) => p.accountId),
    accountable: raci.accountable ? [raci.accountable.accountId] : [],
    consulted: raci.consulted.map((p) => p.accountId),
    informed: raci.informed.map((p) => p.accountId),
    departments: { ...raci.assignedDepartments },
  };
}

export interface RaciEditorProps {
  raci: RaciView;
  client: BridgeClient<typeof ISSUE_PANEL_FUNCTIONS>;
  onCancel: () => void;
  onSaved: (raci: RaciView) => void;
  onConflict: (message: string) => void;
}

/**
 * Edits the four roles in place, with a people picker per role (Jira's user search, as the viewer) and the
 * departments assigned per role. Saving sends the version the editor started from: the server refuses a
 * stale one with CONFLICT, and the panel then reloads with the latest RACI.
 */
export default function RaciEditor({ raci, client, onCancel, onSaved, onConflict }: RaciEditorProps) {
  const t = useT();
  const idBase = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(raci));
  const [people, setPeople] = useState<Map<string, Person>>(
    () => new Map(RACI_ROLES.flatMap((r) => peopleIn(raci, r)).map((p) => [p.accountId, p])),
  );
  const saving = useSave();
  const { busy, error } = saving;
  const [templates, setTemplates] = useState(false);
  const fmt = useFormat();
  // Roles the draft leaves empty that a work item should have: asked about before saving, not warned of after.
  const [confirming, setConfirming] = useState<RaciRoleName[] | null>(null);
  const unfilled = (['responsible', 'accountable'] as const).filter(
    (r) => draft[r].length === 0 && draft.departments[r].length === 0,
  );
  const search = (query: string) => client.call('searchRaciUsers', { query });

  const remember = (list: readonly Person[]) =>
    setPeople((m) => {
      const next = new Map(m);
      for (const p of list) next.set(p.accountId, p);
      return next;
    });

  const toggleDepartment = (role: RaciRoleName, id: string) =>
    setDraft((d) => {
      const list = d.departments[role];
      return {
        ...d,
        departments: { ...d.departments, [role]: list.includes(id) ? list.filter((x) => x !== id) : [...list, id] },
      };
    });

  const useTemplate = (preview: TemplatePreview) => {
    remember([...preview.responsible, ...preview.accountable, ...preview.consulted, ...preview.informed]);
    setDraft({
      responsible: preview.responsible.map((p) => p.accountId),
      accountable: preview.accountable.map((p) => p.accountId),
      consulted: preview.consulted.map((p) => p.accountId),
      informed: preview.informed.map((p) => p.accountId),
      departments: preview.departments,
    });
    setTemplates(false);
  };

  const save = () => {
    setConfirming(null);
    return saving.run(
      () => client.call('setRaci', { ...draft, expectedVersion: raci.version }),
      onSaved,
      (e) => (e.code === 'CONFLICT' ? onConflict(e.message) : saving.fail(e)),
    );
  };

  return (
    <form
      className="cx-raci-editor"
      aria-label={t('raci.editorTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        if (unfilled.length > 0 && !confirming) setConfirming(unfilled);
        else void save();
      }}
    >
      <ErrorNotice error={error} />
      {templates ? (
        <Suspense fallback={<Loading />}>
          <TemplateDialog client={client} onUse={useTemplate} onClose={() => setTemplates(false)} />
        </Suspense>
      ) : (
        <div className="cx-form-actions">
          <Button onClick={() => setTemplates(true)}>{t('raci.template.open')}</Button>
        </div>
      )}
      {RACI_ROLES.map((role) => (
        <fieldset key={role} className="cx-raci-role" disabled={busy}>
          <UserPicker
            inputId={`${idBase}-${role}`}
            label={t(ROLE_LABEL[role])}
            help={t(HELP[role])}
            error={error?.field === role ? error.message : undefined}
            multiple={role !== 'accountable'}
            value={draft[role]}
            people={people}
            onChange={(ids, chosen) => {
              if (chosen) remember([chosen]);
              setDraft((d) => ({ ...d, [role]: ids }));
            }}
            search={search}
          />
          {raci.directory.length > 0 && (
            // biome-ignore lint/a11y/useSemanticElements: a <fieldset> brings its own border, padding and margin that .cx-dept-toggles does not reset; role="group" names the same group.
            <div
              className="cx-dept-toggles"
              role="group"
              aria-label={t('raci.departmentsOf', { role: t(ROLE_LABEL[role]) })}
            >
              <span className="cx-help" aria-hidden="true">
                {t('raci.departmentsLabel')}
              </span>
              {raci.directory.map((d) => {
                const on = draft.departments[role].includes(d.id);
                const name = departmentName(d, t.locale);
                return (
                  <button
                    key={d.id}
                    type="button"
                    className="cx-toggle"
                    aria-pressed={on}
                    aria-label={t('raci.departmentToggle', { name, role: t(ROLE_LABEL[role]) })}
                    onClick={() => toggleDepartment(role, d.id)}
                  >
                    {name}
                  </button>
                );
              })}
            </div>
          )}
        </fieldset>
      ))}
      {raci.directory.length === 0 && <p className="cx-help">{t('raci.noDirectory')}</p>}
      {confirming && (
        <Notice tone="warning" role="alert">
          {t('raci.confirmUnfilled', { roles: fmt.list(confirming.map((r) => t(ROLE_LABEL[r]))) })}
        </Notice>
      )}
      <FormActions
        busy={busy}
        save={confirming ? t('raci.saveAnyway') : t('raci.save')}
        saving={t('raci.saving')}
        cancel={confirming ? t('raci.keepEditing') : t('raci.cancel')}
        onCancel={confirming ? () => setConfirming(null) : onCancel}
        lockCancel
      />
    </form>
  );
}
