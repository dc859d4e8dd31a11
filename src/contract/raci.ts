import { z } from 'zod';
import { DepartmentIdSchema, DepartmentRefSchema } from './departments';
import { NO_RACI_DEPARTMENTS, RaciDepartmentsSchema } from './raci-departments';
import { IssueRefSchema, PersonSchema, RaciViewSchema, StatusCategorySchema } from './views';

export * from './raci-departments';

/** The four RACI roles, in the order the UI shows them. */
export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
export const RaciRoleSchema = z.enum(RACI_ROLES);
export type RaciRoleName = z.infer<typeof RaciRoleSchema>;

const AccountIdSchema = z.string().trim().min(1).max(128);
const MAX_PEOPLE_PER_ROLE = 50;

/**
 * What the panel sends to change an issue's RACI. `accountable` is a list so that two Accountables reach
 * the rules and get a clear refusal instead of being silently cut to one. `expectedVersion` is the
 * `version` of the RACI the editor started from (RaciView.version): a stale one is a CONFLICT.
 */
export const SetRaciInputSchema = z
  .object({
    responsible: z.array(AccountIdSchema).max(MAX_PEOPLE_PER_ROLE),
    accountable: z.array(AccountIdSchema).max(MAX_PEOPLE_PER_ROLE),
    consulted: z.array(AccountIdSchema).max(MAX_PEOPLE_PER_ROLE),
    informed: z.array(AccountIdSchema).max(MAX_PEOPLE_PER_ROLE),
    departments: RaciDepartmentsSchema.default(NO_RACI_DEPARTMENTS),
    expectedVersion: z.string().min(1).max(64),
  })
  .strict();
export type SetRaciInput = z.input<typeof SetRaciInputSchema>;

/** The parties a scenario template speaks of (权责清单): who asks, who delivers, who checks, who supports. */
export const TEMPLATE_PARTIES = ['requesting', 'executing', 'accepting', 'supporting', 'coordinating'] as const;
export const TemplatePartySchema = z.enum(TEMPLATE_PARTIES);
export type TemplateParty = z.infer<typeof TemplatePartySchema>;

/**
 * The roles a template rule can give: the four RACI roles, and the accepting department's own duty
 * (验收部门负责质量审核), kept apart so quality review is not folded into Consulted. Templates stored before
 * this role existed use only the RACI four, a subset, so they read unchanged.
 */
export const TEMPLATE_ROLES = [...RACI_ROLES, 'reviewing'] as const;
export const TemplateRoleSchema = z.enum(TEMPLATE_ROLES);
export type TemplateRoleName = z.infer<typeof TemplateRoleSchema>;

export const TemplateRuleSchema = z.object({
  party: TemplatePartySchema,
  role: TemplateRoleSchema,
  /** Whom of the party's department the role goes to: its head (部门负责人) or its interface person (部门对接人). */
  pick: z.enum(['head', 'interface']),
});
export type TemplateRule = z.infer<typeof TemplateRuleSchema>;

export const RaciTemplateSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60),
  rules: z.array(TemplateRuleSchema).min(1).max(20),
});
export type RaciTemplate = z.infer<typeof RaciTemplateSchema>;

/** A department as a template needs it: who its head and interface person are. */
export const TemplateDepartmentSchema = DepartmentRefSchema.extend({
  head: PersonSchema.nullable(),
  interface: PersonSchema.nullable(),
});

export const ApplyTemplateInputSchema = z
  .object({
    templateId: z.string().min(1).max(41),
    /** Which department plays each party the template names. */
    parties: z.partialRecord(TemplatePartySchema, DepartmentIdSchema),
  })
  .strict();

export const TemplatePreviewSchema = z.object({
  responsible: z.array(PersonSchema),
  accountable: z.array(PersonSchema),
  consulted: z.array(PersonSchema),
  informed: z.array(PersonSchema),
  departments: RaciDepartmentsSchema,
  /** Quality review (质量审核): the people and departments a template gives the review duty, not a RACI role. */
  reviewing: z.array(PersonSchema),
  reviewingDepartments: z.array(DepartmentIdSchema),
  /** Parties the template needs whose department names nobody for the rule (no head / interface person). */
  unfilled: z.array(
    z.object({ party: TemplatePartySchema, role: TemplateRoleSchema, pick: z.enum(['head', 'interface']) }),
  ),
});
export type TemplatePreview = z.infer<typeof TemplatePreviewSchema>;

/** The RACI matrix of a project page: filters, one page of rows, people or departments as columns. */
export const RaciMatrixInputSchema = z
  .object({
    versionId: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
    epicKey: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*-\d{1,9}$/)
      .optional(),
    statusCategory: StatusCategorySchema.optional(),
    /** One status (its Jira id); narrower than, and combinable with, the category. */
    statusId: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
    pageToken: z.string().min(1).max(2000).optional(),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict();
export type RaciMatrixInput = z.input<typeof RaciMatrixInputSchema>;

export const RaciMatrixRowSchema = z.object({
  issue: IssueRefSchema,
  responsible: z.array(z.string()),
  accountable: z.string().nullable(),
  consulted: z.array(z.string()),
  informed: z.array(z.string()),
  departments: z.object({
    responsible: z.array(z.string()),
    accountable: z.array(z.string()),
    consulted: z.array(z.string()),
    informed: z.array(z.string()),
  }),
  gaps: z.array(z.enum(['NO_ACCOUNTABLE', 'NO_RESPONSIBLE'])),
});
export type RaciMatrixRow = z.infer<typeof RaciMatrixRowSchema>;

export const RaciMatrixPageSchema = z.object({
  rows: z.array(RaciMatrixRowSchema),
  /** The people named on this page's rows. */
  people: z.array(PersonSchema.extend({ departmentId: z.string().nullable() })),
  departments: z.array(DepartmentRefSchema),
  nextPageToken: z.string().nullable(),
});
export type RaciMatrixPage = z.infer<typeof RaciMatrixPageSchema>;

export const RaciMatrixFiltersSchema = z.object({
  versions: z.array(z.object({ id: z.string(), name: z.string() })),
  epics: z.array(z.object({ key: z.string(), summary: z.string() })),
  statuses: z.array(z.object({ id: z.string(), name: z.string(), category: StatusCategorySchema })),
  /** Share of open issues with an Accountable and a Responsible, from the project's rollup (null: no open issues). */
  coverage: z.number().min(0).max(1).nullable(),
  openIssues: z.number().int().nonnegative(),
});
export type RaciMatrixFilters = z.infer<typeof RaciMatrixFiltersSchema>;

/** A project's template list as edited on the settings page: ids unique, names given, one Accountable each. */
export const RaciTemplateListSchema = z
  .array(RaciTemplateSchema)
  .max(30)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.id))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: 'duplicate',
          params: { messageId: 'raci.detail.duplicateTemplate' },
        });
      seen.add(t.id);
      const accountable = t.rules.filter((r) => r.role === 'accountable').length;
      if (accountable !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'rules'],
          message: 'one accountable',
          params: { messageId: 'raci.detail.oneAccountableRule' },
        });
      }
    });
  });

export const RaciTemplatesViewSchema = z.object({
  templates: z.array(RaciTemplateSchema),
  /** True while the project uses the seeded defaults (nobody saved its own list yet). */
  isDefault: z.boolean(),
  /** The stored list's version (0 for the defaults); a save must name it. */
  version: z.number().int().nonnegative(),
  /** Whether the viewer may change them (Administer projects on this project). */
  canEdit: z.boolean(),
  /** The seeded defaults, for "restore defaults". */
  defaults: z.array(RaciTemplateSchema),
});
export type RaciTemplatesView = z.infer<typeof RaciTemplatesViewSchema>;

export const SaveRaciTemplatesInputSchema = z
  .object({ templates: RaciTemplateListSchema, expectedVersion: z.number().int().nonnegative() })
  .strict();

const empty = z.object({}).strict();

/**
 * The resolver functions of RACI roles, departments, scenario templates and the RACI matrix (issue 3), per surface. `functions.ts` merges them into the surface tables.
 */
export const RACI_PANEL_FUNCTIONS = {
  setRaci: { input: SetRaciInputSchema, output: RaciViewSchema },
  searchRaciUsers: {
    input: z.object({ query: z.string().trim().min(1).max(100) }).strict(),
    output: z.object({ users: z.array(PersonSchema) }),
  },
  getRaciTemplates: {
    input: empty,
    output: z.object({ templates: z.array(RaciTemplateSchema), departments: z.array(TemplateDepartmentSchema) }),
  },
  previewRaciTemplate: { input: ApplyTemplateInputSchema, output: TemplatePreviewSchema },
} as const;

export const RACI_PROJECT_FUNCTIONS = {
  getRaciMatrixFilters: { input: empty, output: RaciMatrixFiltersSchema },
  getRaciMatrix: { input: RaciMatrixInputSchema, output: RaciMatrixPageSchema },
  /** The CSV export's stretches: up to 1,000 rows an invocation, going on from `pageToken` (`pageSize` unused). */
  exportRaciMatrix: { input: RaciMatrixInputSchema, output: RaciMatrixPageSchema },
} as const;

/** The project settings page: the project's scenario templates (权责清单). */
export const RACI_SETTINGS_FUNCTIONS = {
  getRaciTemplateSettings: { input: empty, output: RaciTemplatesViewSchema },
  saveRaciTemplates: { input: SaveRaciTemplatesInputSchema, output: RaciTemplatesViewSchema },
} as const;
