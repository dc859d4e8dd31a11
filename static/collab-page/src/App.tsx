import { useMemo, useState } from 'react';
import { COLLAB_PAGE_FUNCTIONS } from '@contract';
import { createClient } from '../../shared/bridge-client';
import type { AppContext } from '../../shared/context';
import { useT } from '../../shared/i18n';
import { Loaded } from '../../shared/ui/loaded';
import { useCall } from '../../shared/use-call';
import { QueueView } from './QueueView';

/** Apps → Collaboration: the viewer's queue across projects (issue 16). */
export function App({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(COLLAB_PAGE_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('getMyQueue', {}));
  // Kept above the queue, which unmounts while it reloads after an action.
  const [done, setDone] = useState<string | null>(null);
  return (
    <main className="cx-app cx-page">
      <h1 className="cx-title">{t('collab.title')}</h1>
      <h2 className="cx-collab-tab">{t('collab.tab.queue')}</h2>
      <p className="cx-note" role="status">
        {done ? t('collab.done', { key: done }) : ''}
      </p>
      <Loaded state={state} retry={retry}>
        {(queue) => (
          <QueueView
            queue={queue}
            client={client}
            locale={ctx.locale}
            onActed={(key) => {
              setDone(key);
              retry();
            }}
          />
        )}
      </Loaded>
    </main>
  );
}
