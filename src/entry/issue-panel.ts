import { ISSUE_PANEL_FUNCTIONS } from '../contract';
import { getIssueDependencies, getIssuePanel } from '../app/surfaces/issue-panel';
import { defineSurface } from './resolver-kit';
import { issueKeyOf } from './scope';
import { productionDeps } from './deps';
import { raciPanelHandlers } from './handlers/raci';
import { dependenciesPanelHandlers } from './handlers/dependencies';
import { escalationsPanelHandlers } from './handlers/escalations';
import { projectPanelHandlers } from './handlers/project';

/** Resolver of the `jira:issuePanel` module. */
export const issuePanelResolver = defineSurface(
  ISSUE_PANEL_FUNCTIONS,
  {
    getIssuePanel: ({ deps, ctx, forge }) => getIssuePanel(deps, ctx, issueKeyOf(forge)),
    getIssueDependencies: ({ deps, ctx, forge, input }) =>
      getIssueDependencies(deps, ctx, issueKeyOf(forge), input.direction, input.offset),
    ...raciPanelHandlers,
    ...dependenciesPanelHandlers,
    ...escalationsPanelHandlers,
    ...projectPanelHandlers,
  },
  productionDeps,
);
