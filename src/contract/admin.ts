import { z } from 'zod';
import { IsoDateTimeSchema } from './dates';
import { DepartmentIdSchema, DepartmentSchema, type Department } from './departments';
import { PersonSchema } from './views';
import { DEPENDENCY_ADMIN_FUNCTIONS } from './dependencies';
import { ESCALATION_ADMIN_FUNCTIONS } from './escalations';

/** The version an admin saw; a write with an older one is refused with CONFLICT. */
export const DepartmentVersionSchema = z.number().int().min(1);

/** A person listed twice in the same list is a mistake worth naming, not something to drop silently. */
function noRepeatedMembers(d: Pick<Department, 'memberAccountIds'>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  d.memberAccountIds.forEach((id, i) => {
    if (seen.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memberAccountIds', i],
        message: 'listed twice',
        params: { messageId: 'validation.detail.duplicate' },
      });
    }
    seen.add(id);
  });
}

/** What an admin submits to create a department: every field of the directory's Department, nothing else. */
export const DepartmentInputSchema = DepartmentSchema.strict().superRefine(noRepeatedMembers);
export type DepartmentInput = z.infer<typeof DepartmentInputSchema>;

/** An edit: the whole department again (the id names it and cannot change), with the version it was read at. */
export const DepartmentUpdateSchema = DepartmentSchema.extend({ version: DepartmentVersionSchema })
  .strict()
  .superRefine(noRepeatedMembers);
export type DepartmentUpdate = z.infer<typeof DepartmentUpdateSchema>;

export const DepartmentDeleteSchema = z.object({ id: DepartmentIdSchema, version: DepartmentVersionSchema }).strict();
export type DepartmentDelete = z.infer<typeof DepartmentDeleteSchema>;

export const UserSearchSchema = z.object({ query: z.string().trim().min(1).max(100) }).strict();

/** A department as the directory keeps it: the contract's Department plus who changed it last, and when. */
export const DepartmentRecordSchema = DepartmentSchema.extend({
  version: DepartmentVersionSchema,
  updatedAt: IsoDateTimeSchema,
  updatedBy: z.string(),
});
export type DepartmentRecord = z.infer<typeof DepartmentRecordSchema>;

/** The people index as the admin page reports it: when it was built and how many people each department has. */
export const PeopleIndexSummarySchema = z.object({
  builtAt: IsoDateTimeSchema.nullable(),
  /** Everyone the index resolves to a department (named, listed, or a member of the department's Jira group). */
  people: z.number().int().nonnegative(),
  /** People per department id; a person in two departments counts for the one the index resolves them to. */
  byDepartment: z.record(z.string(), z.number().int().nonnegative()),
});
export type PeopleIndexSummary = z.infer<typeof PeopleIndexSummarySchema>;

export const DirectoryViewSchema = z.object({
  asOf: IsoDateTimeSchema,
  departments: z.array(DepartmentRecordSchema),
  /** Everyone the departments name (heads, interface persons, listed members), to show names and avatars. */
  people: z.array(PersonSchema),
  index: PeopleIndexSummarySchema,
  /** `canEdit`: the viewer is a Jira admin (global ADMINISTER); everyone else reads only. */
  viewer: z.object({ accountId: z.string(), canEdit: z.boolean() }),
});
export type DirectoryView = z.infer<typeof DirectoryViewSchema>;

/** What a create or an edit answers: the department as written, the people it names, the rebuilt index. */
export const DepartmentSavedSchema = z.object({
  department: DepartmentRecordSchema,
  people: z.array(PersonSchema),
  index: PeopleIndexSummarySchema,
});
export type DepartmentSaved = z.infer<typeof DepartmentSavedSchema>;

/**
 * The admin page's resolver functions (`jira:adminPage` module `collab-admin-page`). Reading is open to
 * anyone who can open the page; every change needs Jira's global ADMINISTER permission.
 */
export const ADMIN_PAGE_FUNCTIONS = {
  ...DEPENDENCY_ADMIN_FUNCTIONS,
  listDepartments: { input: z.object({}).strict(), output: DirectoryViewSchema },
  createDepartment: { input: DepartmentInputSchema, output: DepartmentSavedSchema },
  updateDepartment: { input: DepartmentUpdateSchema, output: DepartmentSavedSchema },
  deleteDepartment: {
    input: DepartmentDeleteSchema,
    output: z.object({ id: DepartmentIdSchema, index: PeopleIndexSummarySchema }),
  },
  /** Re-reads every department's Jira group into the people index (groups change in Jira without an event). */
  rebuildPeopleIndex: { input: z.object({}).strict(), output: z.object({ index: PeopleIndexSummarySchema }) },
  /** Everyone one department names (head, interface person, listed members), for its edit form. */
  departmentPeople: {
    input: z.object({ id: DepartmentIdSchema }).strict(),
    output: z.object({ people: z.array(PersonSchema) }),
  },
  /** Jira's user search as the viewer, for the user pickers. */
  searchUsers: { input: UserSearchSchema, output: z.object({ users: z.array(PersonSchema) }) },
  ...ESCALATION_ADMIN_FUNCTIONS,
} as const;
