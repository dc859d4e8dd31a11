import { useMemo } from 'react';
import { PROJECT_PAGE_FUNCTIONS } from '@contract';
import { createClient } from '../../shared/bridge-client';
import type { AppContext } from '../../shared/context';
import { useT } from '../../shared/i18n';
import { NotLoaded } from '../../shared/ui/loaded';
import { useCall } from '../../shared/use-call';
import { ProjectPage } from './ProjectPage';

export function App({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(PROJECT_PAGE_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('getProjectOverview', {}));

  if (state.status === 'ok') return <ProjectPage overview={state.data} client={client} refresh={retry} />;
  return (
    <main className="cx-app cx-page">
      <h1 className="cx-title">{ctx.projectKey ?? t('page.subtitle')}</h1>
      <NotLoaded state={state} retry={retry} />
    </main>
  );
}
