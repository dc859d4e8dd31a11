import type { RACI_PANEL_FUNCTIONS, RACI_PROJECT_FUNCTIONS, RACI_SETTINGS_FUNCTIONS } from '../../contract';
import { searchUsers } from '../../app/directory/manage-departments';
import { exportRaciMatrix, getRaciMatrix, getRaciMatrixFilters } from '../../app/raci/raci-matrix';
import {
  getRaciTemplates,
  getRaciTemplateSettings,
  previewRaciTemplate,
  saveRaciTemplates,
} from '../../app/raci/raci-templates';
import { setRaci } from '../../app/raci/set-raci';
import type { Handlers } from '../resolver-kit';
import { issueScopeOf, projectKeyOf } from '../scope';

/** Issue panel handlers of RACI roles, departments, scenario templates and the RACI matrix (issue 3). */
export const raciPanelHandlers: Handlers<typeof RACI_PANEL_FUNCTIONS> = {
  setRaci: ({ deps, ctx, forge, input }) => setRaci(deps, ctx, issueScopeOf(forge), input),
  searchRaciUsers: ({ deps, ctx, input }) => searchUsers(deps, ctx, input.query),
  getRaciTemplates: ({ deps, ctx, forge }) => getRaciTemplates(deps, ctx, issueScopeOf(forge).projectKey),
  previewRaciTemplate: ({ deps, ctx, forge, input }) =>
    previewRaciTemplate(deps, ctx, issueScopeOf(forge).projectKey, input),
};

/** Project page handlers of RACI roles, departments, scenario templates and the RACI matrix (issue 3). */
export const raciProjectHandlers: Handlers<typeof RACI_PROJECT_FUNCTIONS> = {
  getRaciMatrixFilters: ({ deps, forge }) => getRaciMatrixFilters(deps, projectKeyOf(forge)),
  getRaciMatrix: ({ deps, forge, input }) => getRaciMatrix(deps, projectKeyOf(forge), input),
  exportRaciMatrix: ({ deps, forge, input }) => exportRaciMatrix(deps, projectKeyOf(forge), input),
};

/** Project settings handlers: the project's scenario templates (issue 3). */
export const raciSettingsHandlers: Handlers<typeof RACI_SETTINGS_FUNCTIONS> = {
  getRaciTemplateSettings: ({ deps, ctx, forge }) => getRaciTemplateSettings(deps, ctx, projectKeyOf(forge)),
  saveRaciTemplates: ({ deps, ctx, forge, input }) => saveRaciTemplates(deps, ctx, projectKeyOf(forge), input),
};
