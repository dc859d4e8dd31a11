import type { PROJECT_PAGE_FUNCTIONS, ProjectSummary } from '@contract';
import type { BridgeClient } from '../../shared/bridge-client';

export type ProjectClient = BridgeClient<typeof PROJECT_PAGE_FUNCTIONS>;

/** What every section of the project page gets: the page's summary, the typed resolver client and a way to reload the summary. */
export interface SectionProps {
  overview: ProjectSummary;
  client: ProjectClient;
  /** Reloads the page's summary (after a write that changes the figures). */
  refresh: () => void;
}
