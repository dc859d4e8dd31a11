import type { IssuePanelView } from '@contract';
import { RaciSection } from './RaciSection';
import { DependenciesSection } from './DependenciesSection';
import { EscalationsSection } from './EscalationsSection';

export function IssuePanel({ view, siteUrl }: { view: IssuePanelView; siteUrl: string | null }) {
  return (
    <>
      <RaciSection raci={view.raci} />
      <DependenciesSection dependencies={view.dependencies} asOf={view.asOf} siteUrl={siteUrl} />
      <EscalationsSection escalations={view.escalations} asOf={view.asOf} />
    </>
  );
}
