import { COLLAB_PAGE_FUNCTIONS } from '../contract';
import { getMyQueue } from '../app/cross-project/my-queue';
import { actOnDependency } from '../app/dependencies/act-on-dependency';
import { actFromPanel } from '../app/escalations/escalations';
import { defineSurface } from './resolver-kit';
import { productionDeps } from './deps';

/**
 * Resolver of the `jira:globalPage` module "Collaboration" (issue 16). A global page has no issue in its
 * context, so an action names its work item; the panel's own use cases then read that item as the user and
 * apply the panel's rules, so the list can do nothing the panel could not.
 */
export const collabPageResolver = defineSurface(
  COLLAB_PAGE_FUNCTIONS,
  {
    getMyQueue: ({ deps, ctx }) => getMyQueue(deps, ctx),
    actOnQueueDependency: ({ deps, ctx, input: { issueKey, ...input } }) => actOnDependency(deps, ctx, issueKey, input),
    actOnQueueEscalation: ({ deps, ctx, input: { issueKey, ...input } }) => actFromPanel(deps, ctx, issueKey, input),
  },
  productionDeps,
);
