import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import { LIST_PAGE_SIZE, type RetrospectivesView as RetrospectivesData } from '@contract';
import { useT } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { Section } from '../../../shared/components/Section';
import { CsvButton, ListFooter, withData } from '../kit';
import type { SectionProps } from '../page-context';
import { ActionForm } from './action-form';
import { ActionsTable } from './actions-table';
import { RetroCard } from './retro-card';
import { DIMENSIONS } from './retro-common';
import { RetroForm } from './retro-form';

/** Retrospective cards shown at first and per "Show more" (each card is tall; the list comes whole, one per review). */
const RETROS_SHOWN = 10;

/** Retrospectives (复盘会) with their feedback scores, and the action items (整改清单) that carry over until done. */
export function RetrospectivesView({
  overview,
  client,
  refresh,
  data,
  retry,
}: SectionProps & { data: RetrospectivesData; retry: () => void }) {
  const t = useT();
  const [adding, setAdding] = useState<'retro' | 'action' | null>(null);
  const [shown, setShown] = useState(RETROS_SHOWN);
  const view = data;
  const today = view.asOf.slice(0, 10);
  const changed = () => {
    retry();
    refresh();
  };
  const milestoneName = (id: string | null) =>
    id === null ? t('project.retros.endOfProject') : (overview.milestones.find((m) => m.id === id)?.name ?? id);
  return (
    <Section
      title={t('project.retros.heading')}
      aside={
        <div className="cx-toolbar">
          {view.canEdit && (
            <>
              <Button appearance="primary" onClick={() => setAdding('retro')}>
                {t('project.retros.add')}
              </Button>
              <Button appearance="default" onClick={() => setAdding('action')}>
                {t('project.actions.add')}
              </Button>
            </>
          )}
          <CsvButton
            filename={`${overview.project.key}-retrospectives.csv`}
            header={[
              t('project.retros.heldOn'),
              t('project.retros.milestone'),
              t('project.retros.wentWell'),
              t('project.retros.toImprove'),
              ...DIMENSIONS.map((d) => t(`project.retros.score.${d}`)),
              t('project.common.tags'),
            ]}
            rows={() =>
              view.retrospectives.map((r) => [
                r.heldOn,
                milestoneName(r.versionId),
                r.wentWell,
                r.toImprove,
                ...DIMENSIONS.map((d) => r.scores?.[d] ?? null),
                r.tags.join(' '),
              ])
            }
          />
        </div>
      }
    >
      {!view.canEdit && <p className="cx-muted">{t('project.common.readOnly')}</p>}
      {adding === 'retro' && (
        <RetroForm
          client={client}
          milestones={overview.milestones}
          today={today}
          onDone={(saved) => {
            setAdding(null);
            if (saved) changed();
          }}
        />
      )}
      {adding === 'action' && (
        <ActionForm
          client={client}
          retros={view.retrospectives}
          today={today}
          onDone={(saved) => {
            setAdding(null);
            if (saved) changed();
          }}
        />
      )}
      <p className={view.recurringTags.length > 0 ? 'cx-danger-text' : 'cx-muted'} role="status">
        {view.recurringTags.length > 0
          ? t('project.retros.recurring', { tags: view.recurringTags.map((x) => `#${x}`).join(' ') })
          : t('project.retros.recurringNone')}
      </p>
      {view.retrospectives.length === 0 ? (
        <EmptyState>{t('project.retros.empty')}</EmptyState>
      ) : (
        view.retrospectives
          .slice(0, shown)
          .map((r) => (
            <RetroCard key={r.id} retro={r} milestone={milestoneName(r.versionId)} recurring={view.recurringTags} />
          ))
      )}
      {view.retrospectives.length > 0 && (
        <ListFooter
          shown={Math.min(shown, view.retrospectives.length)}
          total={view.retrospectives.length}
          hasMore={shown < view.retrospectives.length}
          pageSize={RETROS_SHOWN}
          label={t('project.retros.heading')}
          onMore={() => setShown((n) => n + RETROS_SHOWN)}
        />
      )}
      <ActionsTable
        view={view}
        client={client}
        onChanged={changed}
        projectKey={overview.project.key}
        total={overview.actions.open + overview.actions.done}
      />
    </Section>
  );
}

export const RetrospectivesSection = withData(
  (client) => client.call('listRetrospectives', { limit: LIST_PAGE_SIZE }),
  RetrospectivesView,
);
