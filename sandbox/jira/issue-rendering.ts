import { canBrowse } from './access';
import { FieldSelection } from './fields';
import type { Ctx, Json } from './handler';
import type { IssueRow } from './repo';
import type { JiraSite } from './site';

/** Issues as the actor gets them: linked issues of projects they cannot browse left out, transitions as offered to them. */
export function renderIssues(
  site: JiraSite,
  ctx: Ctx,
  rows: readonly IssueRow[],
  fields: FieldSelection,
  expand: ReadonlySet<string>,
  properties: readonly string[],
): Json[] {
  const browsable = new Map<number, boolean>();
  return site.render.issues(rows, {
    fields,
    expand,
    properties,
    canBrowseProject: (id) => {
      if (!browsable.has(id)) browsable.set(id, canBrowse(site, ctx.actor, id));
      return browsable.get(id) === true;
    },
    transitions: (row) => transitionsFor(site, ctx, row),
  });
}

/** The issue as event payloads carry it (all navigable fields, as the app would see it). */
export function eventIssue(site: JiraSite, row: IssueRow): Json {
  const [rendered] = site.render.issues([row], {
    fields: FieldSelection.parse(['*navigable'], []),
    expand: new Set(),
    properties: [],
    canBrowseProject: () => true,
  });
  const { expand: _expand, ...issue } = rendered ?? {};
  return issue;
}

export function transitionsFor(site: JiraSite, ctx: Ctx, issue: IssueRow): Json[] {
  if (!site.perms.has(ctx.actor, issue.project_id, 'TRANSITION_ISSUES')) return [];
  // A transition whose workflow condition does not hold for this user is not offered at all, as in Jira.
  const offered = site.repo
    .transitionsFrom(issue.status_id)
    .filter((t) => site.workflow.conditionsAllow(t.id, issue, ctx.accountId));
  return offered.map((t) => ({
    id: t.id,
    name: t.name,
    to: site.render.status(site.repo.status(t.to_status_id)),
    hasScreen: false,
    isGlobal: false,
    isInitial: false,
    isAvailable: true,
    isConditional: site.workflow.hasConditions(t.id),
    isLooped: false,
  }));
}
