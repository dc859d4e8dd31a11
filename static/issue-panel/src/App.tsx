import { useMemo } from 'react';
import { ISSUE_PANEL_FUNCTIONS } from '@contract';
import { createClient } from '../../shared/bridge-client';
import type { AppContext } from '../../shared/context';
import { useT } from '../../shared/i18n';
import { useCall } from '../../shared/use-call';
import { ErrorState } from '../../shared/components/ErrorState';
import { Loading } from '../../shared/components/Loading';
import { IssuePanel } from './IssuePanel';

export function App({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(ISSUE_PANEL_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('getIssuePanel', {}));
  const key = state.status === 'ok' ? state.data.issue.key : ctx.issueKey;

  return (
    <main className="cx-app">
      {/* Jira titles the panel outside the iframe; the document still needs its own top heading. */}
      <h1 className="cx-visually-hidden">{t('panel.title', { key: key ?? '' })}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={retry} />}
      {state.status === 'ok' && <IssuePanel view={state.data} siteUrl={ctx.siteUrl} interactive />}
    </main>
  );
}
