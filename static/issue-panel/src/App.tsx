import { useMemo, useState } from 'react';
import { ISSUE_PANEL_FUNCTIONS } from '@contract';
import { createClient } from '../../shared/bridge-client';
import type { AppContext } from '../../shared/context';
import { useT } from '../../shared/i18n';
import { Loaded } from '../../shared/ui/loaded';
import { Notice } from '../../shared/ui/notice';
import { useCall } from '../../shared/use-call';
import { IssuePanel } from './IssuePanel';

export function App({ ctx }: { ctx: AppContext }) {
  const t = useT();
  const client = useMemo(() => createClient(ISSUE_PANEL_FUNCTIONS, { locale: ctx.locale }), [ctx.locale]);
  const { state, retry } = useCall(() => client.call('getIssuePanel', {}));
  // A message that must survive a reload of the panel (an edit refused because someone else saved first).
  const [notice, setNotice] = useState<string | null>(null);
  const key = state.status === 'ok' ? state.data.issue.key : ctx.issueKey;
  const reload = (message: string) => {
    setNotice(message);
    retry();
  };

  return (
    <main className="cx-app">
      {/* Jira titles the panel outside the iframe; the document still needs its own top heading. */}
      <h1 className="cx-visually-hidden">{t('panel.title', { key: key ?? '' })}</h1>
      {notice && (
        <div className="cx-notice" role="alert">
          <Notice tone="warning" title={t('raci.reloaded')}>
            {notice}
          </Notice>
        </div>
      )}
      <Loaded state={state} retry={retry}>
        {(view) => <IssuePanel view={view} siteUrl={ctx.siteUrl} client={client} onReload={reload} interactive />}
      </Loaded>
    </main>
  );
}
