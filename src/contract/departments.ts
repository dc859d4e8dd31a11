import { z } from 'zod';

/** A department of the company, as the app's directory keeps it (docs/domain.md: 部门负责人, 部门对接人). */
export const DepartmentIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'use 2-32 lower-case letters, digits or -, starting with a letter');

export const DepartmentSchema = z.object({
  id: DepartmentIdSchema,
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60),
  /** 部门负责人: decides at escalation level 2 and confirms project goals. */
  headAccountId: z.string().min(1).nullable(),
  /** 部门对接人: routes requests into the department; escalation level 1. */
  interfaceAccountId: z.string().min(1).nullable(),
  /** People listed by hand; with `jiraGroup` set, the group's members belong too. */
  memberAccountIds: z.array(z.string().min(1)).max(1000),
  jiraGroup: z.string().trim().min(1).max(255).nullable(),
  /** How long a request to this department may wait for an answer ("需求传递后24小时内响应"). */
  responseHours: z.number().int().min(1).max(720),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** A department as shown next to a person or in a list: enough to name it in both languages. */
export const DepartmentRefSchema = DepartmentSchema.pick({ id: true, nameZh: true, nameEn: true });
export type DepartmentRef = z.infer<typeof DepartmentRefSchema>;
