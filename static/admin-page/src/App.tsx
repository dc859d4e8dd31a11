import { useMemo } from 'react';
import { ADMIN_PAGE_FUNCTIONS } from '@contract';
import { createClient } from '../../shared/bridge-client';
import type { AppContext } from '../../shared/context';
import { useT } from '../../shared/i18n';
import { NotLoaded } from '../../shared/ui/loaded';
import { useCall } from '../../shared/use-call';
import { DirectoryPage } from './directory/DirectoryPage';

export function App({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(ADMIN_PAGE_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('listDepartments', {}));

  if (state.status === 'ok') return <DirectoryPage initial={state.data} client={client} />;
  return (
    <main className="cx-app cx-page">
      <h1 className="cx-title">{t('admin.title')}</h1>
      <NotLoaded state={state} retry={retry} />
    </main>
  );
}
