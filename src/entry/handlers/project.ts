import type { PROJECT_FIGURE_FUNCTIONS, PROJECT_PANEL_FUNCTIONS, PROJECT_PROJECT_FUNCTIONS } from '../../contract';
import type { Handlers } from '../resolver-kit';
import { projectKeyOf } from '../scope';
import { confirmCharter, getCharter, saveCharter } from '../../app/project/project-charter';
import { getRiskReport, listRisks, saveRisk } from '../../app/project/risks';
import {
  createActionIssue,
  listActions,
  listRetrospectives,
  saveAction,
  saveRetrospective,
} from '../../app/project/retrospectives';
import { saveMilestonePlan } from '../../app/project/milestone-plans';
import { getAgenda } from '../../app/project/project-agenda';
import { searchPeople } from '../../app/project/project-access';
import { getHeadlineFigures } from '../../app/project/project-figures';

/** Issue panel handlers of the project page: charter, milestones, risks, retrospectives, figures (issue 6). */
export const projectPanelHandlers: Handlers<typeof PROJECT_PANEL_FUNCTIONS> = {};

/** Project page handlers: charter, milestone plans, risks, retrospectives and action items, the weekly agenda (issue 6). */
export const projectProjectHandlers: Handlers<typeof PROJECT_PROJECT_FUNCTIONS> = {
  getCharter: ({ deps, ctx, forge }) => getCharter(deps, ctx, projectKeyOf(forge)),
  saveCharter: ({ deps, ctx, forge, input }) => saveCharter(deps, ctx, projectKeyOf(forge), input),
  confirmCharter: ({ deps, ctx, forge, input }) => confirmCharter(deps, ctx, projectKeyOf(forge), input.departmentId),
  saveMilestonePlan: ({ deps, forge, input }) => saveMilestonePlan(deps, projectKeyOf(forge), input),
  listRisks: ({ deps, ctx, forge, input }) => listRisks(deps, ctx, projectKeyOf(forge), input),
  getRiskReport: ({ deps, ctx, forge, input }) => getRiskReport(deps, ctx, projectKeyOf(forge), input.month),
  saveRisk: ({ deps, ctx, forge, input }) => saveRisk(deps, ctx, projectKeyOf(forge), input),
  listRetrospectives: ({ deps, ctx, forge, input }) => listRetrospectives(deps, ctx, projectKeyOf(forge), input.limit),
  listActions: ({ deps, ctx, forge, input }) => listActions(deps, ctx, projectKeyOf(forge), input),
  saveRetrospective: ({ deps, ctx, forge, input }) => saveRetrospective(deps, ctx, projectKeyOf(forge), input),
  saveAction: ({ deps, ctx, forge, input }) => saveAction(deps, ctx, projectKeyOf(forge), input),
  createActionIssue: ({ deps, ctx, forge, input }) =>
    createActionIssue(deps, ctx, projectKeyOf(forge), input.id, ctx.locale),
  getAgenda: ({ deps, ctx, forge }) => getAgenda(deps, ctx, projectKeyOf(forge)),
  searchPeople: ({ deps, forge, input }) => searchPeople(deps, projectKeyOf(forge), input.query),
};

/** The headline figures of the project page (issue 15): recounted from the records. */
export const projectFigureHandlers: Handlers<typeof PROJECT_FIGURE_FUNCTIONS> = {
  getHeadlineFigures: ({ deps, ctx, forge }) => getHeadlineFigures(deps, ctx, projectKeyOf(forge)),
};
