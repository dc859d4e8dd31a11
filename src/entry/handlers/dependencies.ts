import type {
  DEPENDENCY_ADMIN_FUNCTIONS,
  DEPENDENCY_PANEL_FUNCTIONS,
  DEPENDENCY_PROJECT_FUNCTIONS,
} from '../../contract';
import type { Handlers } from '../resolver-kit';
import { issueKeyOf, projectKeyOf } from '../scope';
import { actOnDependency } from '../../app/dependencies/act-on-dependency';
import { createDependency } from '../../app/dependencies/create-dependency';
import { getDependencyOverview } from '../../app/dependencies/dependency-overview';
import {
  getDependencySettings,
  saveDependencySettings,
  searchIssuesForDependency,
} from '../../app/dependencies/dependency-settings';

/** Issue panel handlers of cross-department dependencies (issue 4). */
export const dependenciesPanelHandlers: Handlers<typeof DEPENDENCY_PANEL_FUNCTIONS> = {
  createDependency: ({ deps, ctx, forge, input }) => createDependency(deps, ctx, issueKeyOf(forge), input),
  actOnDependency: ({ deps, ctx, forge, input }) => actOnDependency(deps, ctx, issueKeyOf(forge), input),
  searchIssuesForDependency: ({ deps, forge, input }) =>
    searchIssuesForDependency(deps, issueKeyOf(forge), input.query),
};

/** Project page handlers of cross-department dependencies (issue 4). */
export const dependenciesProjectHandlers: Handlers<typeof DEPENDENCY_PROJECT_FUNCTIONS> = {
  getDependencyOverview: ({ deps, forge }) => getDependencyOverview(deps, projectKeyOf(forge)),
};

/** Admin page handlers: which Jira link type stands for a dependency. */
export const dependenciesAdminHandlers: Handlers<typeof DEPENDENCY_ADMIN_FUNCTIONS> = {
  getDependencySettings: ({ deps }) => getDependencySettings(deps),
  saveDependencySettings: ({ deps, ctx, input }) => saveDependencySettings(deps, ctx, input.linkType),
};
