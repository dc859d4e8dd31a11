import { z } from 'zod';
import type { JiraIssue, JiraLinkedIssue, JiraUser, RaciFieldIds } from '../../../app/kernel/ports';
import type { StatusCategory } from '../../../contract';
import { RACI_APPROVER_PROPERTY, RACI_DEPARTMENTS_PROPERTY, type EscalationPeopleFieldIds } from './app-fields';

// How Jira returns issues, users and statuses, and how the app reads them: shared by the issue reads and the search.

export const UserRefSchema = z.object({ accountId: z.string() }).passthrough();
export const UserSchema = z.object({
  accountId: z.string(),
  displayName: z.string().default(''),
  active: z.boolean().default(true),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});
export const StatusSchema = z.object({
  name: z.string(),
  statusCategory: z.object({ key: z.string() }),
});
export const IssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      summary: z.string().default(''),
      status: StatusSchema,
      duedate: z.string().nullable().optional(),
      project: z.object({ id: z.string(), key: z.string() }),
      fixVersions: z.array(z.object({ id: z.string() })).default([]),
      created: z.string().nullable().optional(),
      statuscategorychangedate: z.string().nullable().optional(),
    })
    .passthrough(),
  editmeta: z.object({ fields: z.record(z.string(), z.unknown()) }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
type RawIssue = z.infer<typeof IssueSchema>;

const LinkedIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({ summary: z.string().default(''), status: StatusSchema }).passthrough(),
});
const IssueLinksSchema = z.array(
  z
    .object({
      id: z.string(),
      type: z.object({ name: z.string() }).passthrough(),
      inwardIssue: LinkedIssueSchema.optional(),
      outwardIssue: LinkedIssueSchema.optional(),
    })
    .passthrough(),
);
const RaciDepartmentsPropertySchema = z.object({
  responsible: z.array(z.string()).default([]),
  accountable: z.array(z.string()).default([]),
  consulted: z.array(z.string()).default([]),
  informed: z.array(z.string()).default([]),
});

export function toCategory(key: string): StatusCategory {
  return key === 'done' ? 'done' : key === 'new' ? 'new' : 'indeterminate';
}

export function toUser(u: z.infer<typeof UserSchema>): JiraUser {
  return {
    accountId: u.accountId,
    displayName: u.displayName,
    active: u.active,
    ...(u.avatarUrls?.['48x48'] ? { avatarUrl: u.avatarUrls['48x48'] } : {}),
  };
}

/**
 * `issuelinks` as the app reads it; Jira lists only links to issues the caller may see.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/
 */
function mapLinks(raw: unknown): JiraLinkedIssue[] {
  const parsed = IssueLinksSchema.safeParse(raw ?? []);
  if (!parsed.success) throw new Error(`Unexpected Jira response for issue links: ${parsed.error.message}`);
  return parsed.data.flatMap((l) => {
    // Jira names the *other* issue: `outwardIssue` when this issue is the link's outward (from) side.
    const other = l.outwardIssue ?? l.inwardIssue;
    if (!other) return [];
    return [
      {
        linkId: l.id,
        typeName: l.type.name,
        direction: l.outwardIssue ? ('outward' as const) : ('inward' as const),
        other: {
          id: other.id,
          key: other.key,
          summary: other.fields.summary,
          statusName: other.fields.status.name,
          statusCategory: toCategory(other.fields.status.statusCategory.key),
        },
      },
    ];
  });
}

/** A property someone else wrote in another shape is ignored rather than trusted. */
function mirroredAccountableOf(value: unknown): string | null {
  const parsed = z.object({ accountable: z.string().nullable() }).safeParse(value);
  return parsed.success ? parsed.data.accountable : null;
}

function raciDepartmentsOf(value: unknown): Pick<JiraIssue, 'raciDepartments'> {
  if (value === undefined) return {};
  const parsed = RaciDepartmentsPropertySchema.safeParse(value);
  return parsed.success ? { raciDepartments: parsed.data } : {};
}

/**
 * An issue as the app reads it, from a full read, a bulk fetch or a search hit. `escalationPeople`: the ids of
 * the escalation people fields, when asked for; their people join `people` after the RACI ones.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export function mapIssue(
  raw: RawIssue,
  fieldIds: RaciFieldIds,
  escalationPeople?: EscalationPeopleFieldIds,
): JiraIssue {
  const f = raw.fields as Record<string, unknown> & RawIssue['fields'];
  const people = new Map<string, JiraUser>();
  const users = (id: string | undefined): string[] => {
    const v = id ? f[id] : undefined;
    const list = Array.isArray(v) ? v : v ? [v] : [];
    return list.flatMap((u) => {
      const p = UserSchema.safeParse(u);
      if (p.success) people.set(p.data.accountId, toUser(p.data));
      const ref = UserRefSchema.safeParse(u);
      return ref.success ? [ref.data.accountId] : [];
    });
  };
  const raci = {
    responsible: users(fieldIds.responsible),
    accountable: users(fieldIds.accountable)[0] ?? null,
    consulted: users(fieldIds.consulted),
    informed: users(fieldIds.informed),
  };
  const [holders, raisers] = [escalationPeople?.holders, escalationPeople?.raisers].map((id) =>
    id ? users(id) : null,
  );
  const shown = holders && raisers ? { holders, raisers } : undefined;
  return {
    id: raw.id,
    key: raw.key,
    projectId: f.project.id,
    projectKey: f.project.key,
    summary: f.summary,
    statusName: f.status.name,
    statusCategory: toCategory(f.status.statusCategory.key),
    dueDate: f.duedate ?? null,
    fixVersionIds: f.fixVersions.map((v) => v.id),
    createdAt: f.created ?? null,
    statusCategoryChangedAt: f.statuscategorychangedate ?? null,
    raci,
    people: [...people.values()],
    ...(shown ? { escalationPeople: shown } : {}),
    ...(raw.editmeta ? { editable: Object.keys(raw.editmeta.fields).length > 0 } : {}),
    ...('issuelinks' in f ? { links: mapLinks(f.issuelinks) } : {}),
    ...raciDepartmentsOf(raw.properties?.[RACI_DEPARTMENTS_PROPERTY]),
    ...(raw.properties ? { mirroredAccountable: mirroredAccountableOf(raw.properties[RACI_APPROVER_PROPERTY]) } : {}),
  };
}
