import { z } from 'zod';
import { DependencyDirectionSchema, IssueDependenciesPageSchema, IssuePanelViewSchema } from './issue-panel';
import { RACI_PANEL_FUNCTIONS, RACI_PROJECT_FUNCTIONS, RACI_SETTINGS_FUNCTIONS } from './raci';
import { DEPENDENCY_PANEL_FUNCTIONS, DEPENDENCY_PROJECT_FUNCTIONS } from './dependencies';
import { ESCALATION_PANEL_FUNCTIONS, ESCALATION_PROJECT_FUNCTIONS, ESCALATION_SETTINGS_FUNCTIONS } from './escalations';
import { PROJECT_PANEL_FUNCTIONS, PROJECT_PROJECT_FUNCTIONS, ProjectSummarySchema } from './project';
import { PROJECT_FIGURE_FUNCTIONS } from './project-figures';

/**
 * Every resolver function the UI may call, per surface: its name, input and output schema.
 * The backend registers exactly these; the frontend client is typed from them.
 */
export const ISSUE_PANEL_FUNCTIONS = {
  getIssuePanel: { input: z.object({}).strict(), output: IssuePanelViewSchema },
  /** More of the panel's dependencies, one direction, a page at a time (the panel opens with the first). */
  getIssueDependencies: {
    input: z.object({ direction: DependencyDirectionSchema, offset: z.number().int().min(0).max(100_000) }).strict(),
    output: IssueDependenciesPageSchema,
  },
  ...RACI_PANEL_FUNCTIONS,
  ...DEPENDENCY_PANEL_FUNCTIONS,
  ...ESCALATION_PANEL_FUNCTIONS,
  ...PROJECT_PANEL_FUNCTIONS,
} as const;

export const PROJECT_PAGE_FUNCTIONS = {
  getProjectOverview: { input: z.object({}).strict(), output: ProjectSummarySchema },
  ...RACI_PROJECT_FUNCTIONS,
  ...DEPENDENCY_PROJECT_FUNCTIONS,
  ...ESCALATION_PROJECT_FUNCTIONS,
  ...PROJECT_PROJECT_FUNCTIONS,
  ...PROJECT_FIGURE_FUNCTIONS,
} as const;

/** The project settings page (`jira:projectSettingsPage`): one resolver for all its pages, each feature's functions merged. */
export const PROJECT_SETTINGS_FUNCTIONS = {
  ...RACI_SETTINGS_FUNCTIONS,
  ...ESCALATION_SETTINGS_FUNCTIONS,
} as const;

export type FunctionTable = Record<string, { input: z.ZodType; output: z.ZodType }>;
export type FnName<T extends FunctionTable> = Extract<keyof T, string>;
export type FnInput<T extends FunctionTable, K extends keyof T> = z.input<T[K]['input']>;
export type FnOutput<T extends FunctionTable, K extends keyof T> = z.output<T[K]['output']>;
