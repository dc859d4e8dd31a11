import { RACI_PANEL_FUNCTIONS, RACI_PROJECT_FUNCTIONS, RACI_SETTINGS_FUNCTIONS } from '../../contract';
import { AppError } from '../../app/kernel/errors';
import { searchUsers } from '../../app/directory/manage-departments';
import { getRaciMatrix, getRaciMatrixFilters } from '../../app/raci/raci-matrix';
import { getRaciTemplates, getRaciTemplateSettings, previewRaciTemplate, saveRaciTemplates } from '../../app/raci/raci-templates';
import { setRaci } from '../../app/raci/set-raci';
import type { ForgeContext, Handlers } from '../resolver-kit';

/** The issue and its project, as Forge's context names them for the issue panel. */
function issueOf(forge: ForgeContext): { issueId: string; issueKey: string; projectKey: string } {
  const issue = forge.extension?.issue;
  const projectKey = forge.extension?.project?.key;
  if (!issue?.id || !issue.key || !projectKey) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'issue view' });
  return { issueId: issue.id, issueKey: issue.key, projectKey };
}

function projectOf(forge: ForgeContext): string {
  const key = forge.extension?.project?.key;
  if (!key) throw new AppError('NOT_FOUND', 'notFound.context', { what: 'project page' });
  return key;
}

/** Issue panel handlers of RACI roles, departments, scenario templates and the RACI matrix (issue 3). */
export const raciPanelHandlers: Handlers<typeof RACI_PANEL_FUNCTIONS> = {
  setRaci: ({ deps, ctx, forge, input }) => setRaci(deps, ctx, issueOf(forge), input),
  searchRaciUsers: ({ deps, ctx, input }) => searchUsers(deps, ctx, input.query),
  getRaciTemplates: ({ deps, ctx, forge }) => getRaciTemplates(deps, ctx, issueOf(forge).projectKey),
  previewRaciTemplate: ({ deps, ctx, forge, input }) => previewRaciTemplate(deps, ctx, issueOf(forge).projectKey, input),
};

/** Project page handlers of RACI roles, departments, scenario templates and the RACI matrix (issue 3). */
export const raciProjectHandlers: Handlers<typeof RACI_PROJECT_FUNCTIONS> = {
  getRaciMatrixFilters: ({ deps, forge }) => getRaciMatrixFilters(deps, projectOf(forge)),
  getRaciMatrix: ({ deps, forge, input }) => getRaciMatrix(deps, projectOf(forge), input),
};

/** Project settings handlers: the project's scenario templates (issue 3). */
export const raciSettingsHandlers: Handlers<typeof RACI_SETTINGS_FUNCTIONS> = {
  getRaciTemplateSettings: ({ deps, ctx, forge }) => getRaciTemplateSettings(deps, ctx, projectOf(forge)),
  saveRaciTemplates: ({ deps, ctx, forge, input }) => saveRaciTemplates(deps, ctx, projectOf(forge), input),
};
