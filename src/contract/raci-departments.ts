import { z } from 'zod';
import { DepartmentIdSchema, DepartmentRefSchema } from './departments';

/**
 * Department-level RACI (issue 3): which departments hold each role on an issue. Kept apart from raci.ts so
 * that views.ts can build the panel's view from it without an import cycle.
 */

/**
 * Departments assigned to an issue explicitly, per role, beyond the people's own departments. Stored with the
 * issue as a Jira entity property, so reading an issue brings them along at no extra cost.
 */
export const RaciDepartmentsSchema = z.object({
  responsible: z.array(DepartmentIdSchema).max(20),
  accountable: z.array(DepartmentIdSchema).max(20),
  consulted: z.array(DepartmentIdSchema).max(20),
  informed: z.array(DepartmentIdSchema).max(20),
});
export type RaciDepartments = z.infer<typeof RaciDepartmentsSchema>;
export const NO_RACI_DEPARTMENTS: RaciDepartments = { responsible: [], accountable: [], consulted: [], informed: [] };

/** One department in one role: named through its people, assigned explicitly, or both. */
export const DepartmentRoleEntrySchema = z.object({
  departmentId: z.string(),
  viaPeople: z.boolean(),
  explicit: z.boolean(),
});
export const DepartmentRaciSchema = z.object({
  responsible: z.array(DepartmentRoleEntrySchema),
  accountable: z.array(DepartmentRoleEntrySchema),
  consulted: z.array(DepartmentRoleEntrySchema),
  informed: z.array(DepartmentRoleEntrySchema),
});
export type DepartmentRaci = z.infer<typeof DepartmentRaciSchema>;

/** What the panel's RACI section shows beyond the people: departments, and the version an edit must name. */
export const RaciDepartmentViewShape = {
  /** A hash of the roles and department assignments as read; setRaci refuses an edit made from another one. */
  version: z.string(),
  /** Every department of the directory, in directory order, to name them and to pick from. */
  directory: z.array(DepartmentRefSchema),
  /** accountId -> department id, for the people named on this issue (from the people index). */
  departmentOf: z.record(z.string(), z.string()),
  assignedDepartments: RaciDepartmentsSchema,
  departmentRaci: DepartmentRaciSchema,
};
