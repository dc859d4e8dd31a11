import type {
  ESCALATION_ADMIN_FUNCTIONS,
  ESCALATION_PANEL_FUNCTIONS,
  ESCALATION_PROJECT_FUNCTIONS,
  ESCALATION_SETTINGS_FUNCTIONS,
} from '../../contract';
import type { Handlers } from '../resolver-kit';
import { issueKeyOf, projectKeyOf } from '../scope';
import { actFromPanel, raiseFromPanel } from '../../app/escalations/escalations';
import { getTimeline } from '../../app/escalations/escalation-view';
import { getEscalationStats } from '../../app/escalations/escalation-stats';
import { listOpenEscalations } from '../../app/project/open-escalations';
import { saveWebhookProjects } from '../../app/escalations/webhook-projects';
import { searchUsers } from '../../app/directory/manage-departments';
import {
  getCalendars,
  getLadderView,
  getWebhookSecretStatus,
  rotateWebhookSecret,
  saveCalendars,
  saveLadder,
} from '../../app/escalations/escalation-settings';

/** Issue panel handlers of escalations, calendars and the audit trail (issue 5). */
export const escalationsPanelHandlers: Handlers<typeof ESCALATION_PANEL_FUNCTIONS> = {
  raiseEscalation: ({ deps, ctx, forge, input }) => raiseFromPanel(deps, ctx, issueKeyOf(forge), input),
  actOnEscalation: ({ deps, ctx, forge, input }) => actFromPanel(deps, ctx, issueKeyOf(forge), input),
  getEscalationTimeline: ({ deps, forge, input }) => getTimeline(deps, issueKeyOf(forge), input.id),
};

/** Project page handlers of escalations, calendars and the audit trail (issue 5). */
export const escalationsProjectHandlers: Handlers<typeof ESCALATION_PROJECT_FUNCTIONS> = {
  getEscalationStats: ({ deps, forge }) => getEscalationStats(deps, projectKeyOf(forge)),
  listOpenEscalations: ({ deps, forge }) => listOpenEscalations(deps, projectKeyOf(forge)),
};

/** Project settings → Escalation ladder: the project's ladder, for its administrators. */
export const escalationsSettingsHandlers: Handlers<typeof ESCALATION_SETTINGS_FUNCTIONS> = {
  getEscalationLadder: ({ deps, forge }) => getLadderView(deps, projectKeyOf(forge)),
  saveEscalationLadder: ({ deps, ctx, forge, input }) => saveLadder(deps, ctx, projectKeyOf(forge), input),
  searchLadderUsers: ({ deps, ctx, input }) => searchUsers(deps, ctx, input.query),
};

/** Admin page handlers: working-time calendars and the web trigger's signing secret (Jira admins). */
export const escalationsAdminHandlers: Handlers<typeof ESCALATION_ADMIN_FUNCTIONS> = {
  getCalendars: ({ deps }) => getCalendars(deps),
  saveCalendars: ({ deps, ctx, input }) => saveCalendars(deps, ctx, input),
  getWebhookSecret: ({ deps }) => getWebhookSecretStatus(deps),
  rotateWebhookSecret: ({ deps, ctx }) => rotateWebhookSecret(deps, ctx),
  saveWebhookProjects: ({ deps, ctx, input }) => saveWebhookProjects(deps, ctx, input.projectKeys),
};
