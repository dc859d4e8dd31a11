import { useMemo, useState } from 'react';
import { PROJECT_SETTINGS_FUNCTIONS, type LadderView, type Person } from '@contract';
import { createClient, type BridgeClient } from '../../../shared/bridge-client';
import type { AppContext } from '../../../shared/context';
import { useT } from '../../../shared/i18n';
import { ErrorNotice, Notice } from '../../../shared/ui/notice';
import { FormActions } from '../../../shared/ui/form-actions';
import { Loaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { useSave } from '../../../shared/ui/save';
import { UserPicker } from '../../../shared/components/UserPicker';
import type { SettingsPage } from '../settings-page';
import { TierLimits, tierProblem } from './TierLimits';

type Ladder = LadderView['ladder'];
const ROLES = ['interface', 'head', 'none'] as const;

/**
 * Project settings → Escalation ladder (project admins): who holds each level (the departments' interface
 * persons or heads, and named people; level 3 is the PMO / management arbiter), and per urgency tier the
 * end-to-end limit from raising to decision, split across the levels, in the unit the project chooses.
 */
function EscalationLadderPage({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(PROJECT_SETTINGS_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('getEscalationLadder', {}));
  return (
    <>
      <h1 className="cx-title">{t('escalations.ladder.heading')}</h1>
      <p className="cx-subtitle">{t('escalations.ladder.help')}</p>
      <Loaded state={state} retry={retry} error={(e) => <ErrorNotice error={e} />}>
        {(view) => <LadderForm initial={view} client={client} />}
      </Loaded>
    </>
  );
}

function LadderForm({
  initial,
  client,
}: {
  initial: LadderView;
  client: BridgeClient<typeof PROJECT_SETTINGS_FUNCTIONS>;
}) {
  const t = useT();
  const [view, setView] = useState(initial);
  const [ladder, setLadder] = useState(() => structuredClone(initial.ladder));
  const [people, setPeople] = useState(() => new Map<string, Person>(initial.people.map((p) => [p.accountId, p])));
  const saving = useSave();
  const { busy, error } = saving;
  const [saved, setSaved] = useState(false);

  const show = (v: LadderView) => {
    setView(v);
    setLadder(structuredClone(v.ladder));
    setPeople(new Map(v.people.map((p) => [p.accountId, p])));
  };
  const setLevel = (i: number, patch: Partial<Ladder['levels'][number]>) => {
    const next = structuredClone(ladder);
    next.levels[i] = { ...next.levels[i]!, ...patch };
    setLadder(next);
    setSaved(false);
  };
  const fieldError = (path: string) => (error?.field?.startsWith(path) ? error.message : undefined);

  const save = () => {
    const problem = ladder.tiers ? tierProblem(ladder.tiers, t) : null;
    if (problem) return saving.fail(problem);
    return saving.run(
      () => client.call('saveEscalationLadder', { ladder, version: view.version }),
      (next) => {
        setSaved(true);
        show(next);
      },
    );
  };

  return (
    <form
      className="cx-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label={t('escalations.ladder.heading')}
    >
      {!view.canEdit && <Notice tone="warning">{t('escalations.ladder.readOnly')}</Notice>}
      {ladder.levels[2].accountIds.length === 0 && ladder.levels[2].role === 'none' && (
        <Notice tone="warning">{t('escalations.ladder.noArbiter')}</Notice>
      )}
      <ErrorNotice error={error} />
      {saved && (
        <Notice tone="success" role="status">
          {t('escalations.ladder.saved')}
        </Notice>
      )}
      {ladder.levels.map((level, i) => (
        <fieldset key={i} className="cx-form-grid" disabled={!view.canEdit}>
          <legend className="cx-heading-3">
            {t('escalation.levelFull', { n: i + 1, name: t(`escalation.level.${(i + 1) as 1 | 2 | 3}`) })}
          </legend>
          <label className="cx-field">
            <span className="cx-label">{t('escalations.ladder.role')}</span>
            <select
              className="cx-input"
              value={level.role}
              onChange={(e) => setLevel(i, { role: e.target.value as (typeof ROLES)[number] })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`escalations.ladder.role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <UserPicker
            inputId={`ladder-${i}-people`}
            label={t('escalations.ladder.people')}
            error={fieldError(`levels.${i}.accountIds`)}
            multiple
            value={level.accountIds}
            people={people}
            onChange={(accountIds, chosen) => {
              if (chosen) setPeople(new Map(people).set(chosen.accountId, chosen));
              setLevel(i, { accountIds });
            }}
            search={(query) => client.call('searchLadderUsers', { query })}
          />
        </fieldset>
      ))}
      {ladder.tiers && (
        <TierLimits
          tiers={ladder.tiers}
          disabled={!view.canEdit}
          fieldError={(path) => fieldError(path) ?? fieldError(`ladder.${path}`)}
          onChange={(tiers) => {
            setLadder({ ...ladder, tiers });
            setSaved(false);
          }}
        />
      )}
      <FormActions busy={busy} disabled={!view.canEdit} save={t('escalations.ladder.save')} />
    </form>
  );
}

export const page: SettingsPage = {
  route: 'escalation-ladder',
  title: 'escalations.ladder.heading',
  order: 20,
  Component: EscalationLadderPage,
};
