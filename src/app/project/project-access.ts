import type { Noun, Person } from '../../contract';
import type { Deps, JiraProject, JiraUser } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { readAsUser } from '../kernel/visibility';

/** The project, as the invoking user may see it; FORBIDDEN when they may not browse it. */
export function requireBrowse(deps: Deps, projectKey: string): Promise<JiraProject> {
  return readAsUser(
    'project',
    () => deps.jira.getProject('user', projectKey),
    () => deps.jira.getProject('app', projectKey),
  );
}

/** Who may change the project page's records: people who can browse the project and edit its issues. */
export async function canEditProject(deps: Deps, projectKey: string): Promise<boolean> {
  const p = await deps.jira.hasPermissions('user', { projectKey }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  return p.BROWSE_PROJECTS && p.EDIT_ISSUES;
}

export async function requireEdit(deps: Deps, projectKey: string, what: Noun): Promise<void> {
  const p = await deps.jira.hasPermissions('user', { projectKey }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  if (!p.BROWSE_PROJECTS) throw new AppError('FORBIDDEN', 'forbidden.browse', { what: 'project' });
  if (!p.EDIT_ISSUES) throw new AppError('FORBIDDEN', 'project.forbidden.edit', { what });
}

/**
 * The named people as Jira knows them (one call for all); an account id Jira does not know is a
 * VALIDATION error naming its field, before anything is written.
 */
export async function requirePeople(
  deps: Deps,
  named: ReadonlyArray<{ field: string; accountId: string | null }>,
): Promise<Map<string, JiraUser>> {
  const ids = [...new Set(named.flatMap((n) => (n.accountId ? [n.accountId] : [])))];
  const users = ids.length === 0 ? [] : await deps.jira.getUsers('user', ids);
  const found = new Map(users.map((u) => [u.accountId, u]));
  for (const n of named) {
    if (n.accountId && !found.has(n.accountId))
      throw new AppError('VALIDATION', 'validation.unknownUser', { field: n.field, accountId: n.accountId }, n.field);
  }
  return found;
}

const toPerson = (u: JiraUser): Person => ({
  accountId: u.accountId,
  displayName: u.displayName,
  active: u.active,
  ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}),
});

/** People by account id for a view: one Jira call; someone Jira no longer returns is shown by id, inactive. */
export async function peopleOf(deps: Deps, ids: ReadonlyArray<string | null>): Promise<(id: string) => Person> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  const users = unique.length === 0 ? [] : await deps.jira.getUsers('user', unique);
  const byId = new Map(users.map((u) => [u.accountId, u]));
  return (id) => {
    const u = byId.get(id);
    return u ? toPerson(u) : { accountId: id, displayName: id, active: false };
  };
}

/** A new record id: its kind, then 32 random hex digits. */
export function newRecordId(kind: string): string {
  return `${kind}-${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
}

/** People the viewer may pick (owner, deputy, coordinator): Jira's user search as the viewer, for a project they can browse. */
export async function searchPeople(deps: Deps, projectKey: string, query: string): Promise<{ users: Person[] }> {
  await requireBrowse(deps, projectKey);
  const users = await deps.jira.searchUsers('user', query, 20);
  return { users: users.map(toPerson) };
}
