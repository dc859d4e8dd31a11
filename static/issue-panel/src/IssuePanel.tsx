import type { ISSUE_PANEL_FUNCTIONS, IssuePanelView } from '@contract';
import type { BridgeClient } from '../../shared/bridge-client';
import { RaciSection } from './raci/RaciSection';
import { DependenciesSection } from './dependencies/DependenciesSection';
import { EscalationsSection } from './escalations/EscalationsSection';

export interface IssuePanelProps {
  view: IssuePanelView;
  siteUrl: string | null;
  client: BridgeClient<typeof ISSUE_PANEL_FUNCTIONS>;
  /** Reloads the panel and shows `message` above it (e.g. after an edit lost to a concurrent one). */
  onReload: (message: string) => void;
  /** Off in static renders (no bridge): the dependency actions and form are left out. */
  interactive?: boolean;
}

export function IssuePanel({ view, siteUrl, client, onReload, interactive = false }: IssuePanelProps) {
  return (
    <>
      <RaciSection raci={view.raci} canEdit={view.viewer.canEdit} client={client} onReload={onReload} />
      <DependenciesSection
        dependencies={view.dependencies}
        asOf={view.asOf}
        siteUrl={siteUrl}
        client={interactive ? client : null}
      />
      <EscalationsSection
        section={view.escalations}
        lateDependencies={view.dependencies.upstream.filter((d) => d.late)}
        people={[
          ...view.raci.responsible,
          ...(view.raci.accountable ? [view.raci.accountable] : []),
          ...view.raci.consulted,
          ...view.raci.informed,
        ]}
        client={interactive ? client : null}
      />
    </>
  );
}
