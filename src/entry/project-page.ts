import { PROJECT_PAGE_FUNCTIONS } from '../contract';
import { getProjectOverview } from '../app/surfaces/project-overview';
import { defineSurface } from './resolver-kit';
import { projectKeyOf } from './scope';
import { productionDeps } from './deps';
import { raciProjectHandlers } from './handlers/raci';
import { dependenciesProjectHandlers } from './handlers/dependencies';
import { escalationsProjectHandlers } from './handlers/escalations';
import { projectFigureHandlers, projectProjectHandlers } from './handlers/project';

/** Resolver of the `jira:projectPage` module. */
export const projectPageResolver = defineSurface(
  PROJECT_PAGE_FUNCTIONS,
  {
    getProjectOverview: ({ deps, ctx, forge }) => getProjectOverview(deps, ctx, projectKeyOf(forge)),
    ...raciProjectHandlers,
    ...dependenciesProjectHandlers,
    ...escalationsProjectHandlers,
    ...projectProjectHandlers,
    ...projectFigureHandlers,
  },
  productionDeps,
);
