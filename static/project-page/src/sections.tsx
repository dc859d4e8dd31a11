import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../../shared/i18n';
import type { SectionProps } from './page-context';
import { OverviewSection } from './overview/OverviewSection';

/** One entry of the project page's navigation: its id (also the URL fragment), its label, and its view. */
export interface PageSection {
  id: string;
  label: MessageKey;
  view: ComponentType<SectionProps> | LazyExoticComponent<ComponentType<SectionProps>>;
}

/** A section whose code loads only when it is first opened (keeps the first load inside the bundle budget). */
function later<M>(load: () => Promise<M>, pick: (m: M) => ComponentType<SectionProps>) {
  return lazy(async () => ({ default: pick(await load()) }));
}

/**
 * The project page's sections, in navigation order. A section is one line here and one component file;
 * features add theirs without touching the page's layout.
 */
export const SECTIONS: readonly PageSection[] = [
  { id: 'overview', label: 'page.overview.heading', view: OverviewSection },
  {
    id: 'figures',
    label: 'project.nav.figures',
    view: later(
      () => import('./figures/FiguresSection'),
      (m) => m.FiguresSection,
    ),
  },
  {
    id: 'milestones',
    label: 'page.milestones.heading',
    view: later(
      () => import('./milestones/MilestonesSection'),
      (m) => m.MilestonesSection,
    ),
  },
  {
    id: 'dependencies',
    label: 'dependencies.page.heading',
    view: later(
      () => import('./dependencies/DependenciesOverviewSection'),
      (m) => m.DependenciesOverviewSection,
    ),
  },
  {
    id: 'escalations',
    label: 'escalations.page.heading',
    view: later(
      () => import('./escalations/EscalationsSection'),
      (m) => m.EscalationsSection,
    ),
  },
  {
    id: 'raci',
    label: 'raci.matrix.heading',
    view: later(
      () => import('./raci-matrix/RaciMatrixSection'),
      (m) => m.RaciMatrixSection,
    ),
  },
  {
    id: 'risks',
    label: 'project.nav.risks',
    view: later(
      () => import('./risks/RisksSection'),
      (m) => m.RisksSection,
    ),
  },
  {
    id: 'retrospectives',
    label: 'project.nav.retros',
    view: later(
      () => import('./retrospectives/RetrospectivesSection'),
      (m) => m.RetrospectivesSection,
    ),
  },
  {
    id: 'charter',
    label: 'project.nav.charter',
    view: later(
      () => import('./charter/CharterSection'),
      (m) => m.CharterSection,
    ),
  },
  {
    id: 'agenda',
    label: 'project.nav.agenda',
    view: later(
      () => import('./agenda/AgendaSection'),
      (m) => m.AgendaSection,
    ),
  },
];
