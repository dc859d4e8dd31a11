import { z } from 'zod';
import { IssuePanelViewSchema, ProjectOverviewSchema } from './views';

/**
 * Every resolver function the UI may call, per surface: its name, input and output schema.
 * The backend registers exactly these; the frontend client is typed from them.
 */
export const ISSUE_PANEL_FUNCTIONS = {
  getIssuePanel: { input: z.object({}).strict(), output: IssuePanelViewSchema },
} as const;

export const PROJECT_PAGE_FUNCTIONS = {
  getProjectOverview: { input: z.object({}).strict(), output: ProjectOverviewSchema },
} as const;

export type FunctionTable = Record<string, { input: z.ZodType; output: z.ZodType }>;
export type FnName<T extends FunctionTable> = Extract<keyof T, string>;
export type FnInput<T extends FunctionTable, K extends keyof T> = z.input<T[K]['input']>;
export type FnOutput<T extends FunctionTable, K extends keyof T> = z.output<T[K]['output']>;
