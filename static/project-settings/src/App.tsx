import { useEffect, useState } from 'react';
import type { AppContext } from '../../shared/context';
import { useT } from '../../shared/i18n';
import { Loading } from '../../shared/components/Loading';
import { EmptyState } from '../../shared/components/EmptyState';
import { routeHistory } from '../../shared/navigation';
import { pageFor } from './pages';

/**
 * The app's project settings. Jira's sidebar lists the module's `pages` and only changes the URL; the app
 * follows it through `view.createHistory()` and shows the page of the current route.
 */
export function App({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const [route, setRoute] = useState<string | null>(null);

  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let live = true;
    routeHistory().then(
      (history) => {
        if (!live) return;
        setRoute(history.route);
        unlisten = history.listen(setRoute);
      },
      (error: unknown) => {
        // Without a history (an older host), the first page is still usable.
        console.error('view.createHistory failed', error);
        if (live) setRoute('');
      },
    );
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);

  if (route === null) return <Loading />;
  const page = pageFor(route);
  return (
    <main className="cx-app cx-page">
      {page ? <page.Component ctx={ctx} /> : <EmptyState>{t('common.nobody')}</EmptyState>}
    </main>
  );
}
