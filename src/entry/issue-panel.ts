import { ISSUE_PANEL_FUNCTIONS } from '../contract';
import { getIssuePanel } from '../app/get-issue-panel';
import { AppError } from '../app/errors';
import { defineSurface, type ForgeContext } from './resolver-kit';
import { productionDeps } from './deps';
import { raciPanelHandlers } from './handlers/raci';
import { dependenciesPanelHandlers } from './handlers/dependencies';
import { escalationsPanelHandlers } from './handlers/escalations';
import { projectPanelHandlers } from './handlers/project';

export function issueKeyOf(forge: ForgeContext): string {
  const key = forge.extension?.issue?.key;
  if (!key) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'issue view' });
  return key;
}

/** Resolver of the `jira:issuePanel` module. */
export const issuePanelResolver = defineSurface(
  ISSUE_PANEL_FUNCTIONS,
  {
    getIssuePanel: ({ deps, ctx, forge }) => getIssuePanel(deps, ctx, issueKeyOf(forge)),
    ...raciPanelHandlers,
    ...dependenciesPanelHandlers,
    ...escalationsPanelHandlers,
    ...projectPanelHandlers,
  },
  productionDeps,
);
