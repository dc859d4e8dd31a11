import type { IssuePanelView } from '@contract';
import { RaciSection } from './RaciSection';
import { DependenciesSection } from './DependenciesSection';
import { EscalationsSection } from './EscalationsSection';

export function IssuePanel({ view, siteUrl, interactive = false }: { view: IssuePanelView; siteUrl: string | null; interactive?: boolean }) {
  return (
    <>
      <RaciSection raci={view.raci} />
      <DependenciesSection dependencies={view.dependencies} asOf={view.asOf} siteUrl={siteUrl} interactive={interactive} />
      <EscalationsSection escalations={view.escalations} asOf={view.asOf} />
    </>
  );
}
