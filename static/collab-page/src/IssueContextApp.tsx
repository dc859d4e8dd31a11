import { useMemo } from 'react';
import { COLLAB_PAGE_FUNCTIONS } from '@contract';
import { createClient } from '../../shared/bridge-client';
import type { AppContext } from '../../shared/context';
import { useT } from '../../shared/i18n';
import { Loaded } from '../../shared/ui/loaded';
import { useCall } from '../../shared/use-call';
import { glanceLine } from './glance-line';

/** The work item's `jira:issueContext` (issue 16): its collaboration status at a glance, from one resolver call. */
export function IssueContextApp({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(COLLAB_PAGE_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('getIssueGlance', {}));
  return (
    <main className="cx-app cx-collab-context">
      <Loaded state={state} retry={retry}>
        {(g) => (
          <section aria-label={t('collab.glance.caption', { key: g.issueKey })}>
            <p className="cx-collab-glance" data-glance="line">
              <strong className={g.breached ? 'cx-collab-late' : ''}>{glanceLine(t, g)}</strong>
              {g.breached ? ` · ${t('collab.glance.breached')}` : ''}
            </p>
            <ul className="cx-note">
              {g.waitingFor > 0 ? <li>{t.plural('collab.glance.waitingDetail', g.waitingFor)}</li> : null}
              {g.escalationLevel !== null ? (
                <li>{t('collab.glance.escalatedDetail', { level: g.escalationLevel })}</li>
              ) : null}
            </ul>
            <p className="cx-note">{t('collab.glance.more')}</p>
          </section>
        )}
      </Loaded>
    </main>
  );
}
