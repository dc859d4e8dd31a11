import { PROJECT_PAGE_FUNCTIONS } from '../contract';
import { getProjectOverview } from '../app/get-project-overview';
import { AppError } from '../app/errors';
import { defineSurface, type ForgeContext } from './resolver-kit';
import { productionDeps } from './deps';
import { raciProjectHandlers } from './handlers/raci';
import { dependenciesProjectHandlers } from './handlers/dependencies';
import { escalationsProjectHandlers } from './handlers/escalations';
import { projectProjectHandlers } from './handlers/project';

export function projectKeyOf(forge: ForgeContext): string {
  const key = forge.extension?.project?.key;
  if (!key) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'project page' });
  return key;
}

/** Resolver of the `jira:projectPage` module. */
export const projectPageResolver = defineSurface(
  PROJECT_PAGE_FUNCTIONS,
  {
    getProjectOverview: ({ deps, ctx, forge }) => getProjectOverview(deps, ctx, projectKeyOf(forge)),
    ...raciProjectHandlers,
    ...dependenciesProjectHandlers,
    ...escalationsProjectHandlers,
    ...projectProjectHandlers,
  },
  productionDeps,
);
