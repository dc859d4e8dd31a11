import type { JiraRepo } from './repo';
import {
  BROWSE_USERS_GROUP,
  PROJECT_PERMISSIONS,
  SITE_ADMINS_GROUP,
  type GlobalPermission,
  type JiraActor,
  type ProjectPermission,
} from './types';

/** Display data of the permissions `/mypermissions` knows, with Jira Cloud's ids. */
export const PERMISSION_INFO: Record<
  ProjectPermission | GlobalPermission,
  { id: string; name: string; type: 'PROJECT' | 'GLOBAL'; description: string }
> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker.',
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: {
    id: '13',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  LINK_ISSUES: {
    id: '21',
    name: 'Link Issues',
    type: 'PROJECT',
    description: 'Ability to link issues together and create linked issues.',
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  TRANSITION_ISSUES: {
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
};

export const isProjectPermission = (key: string): key is ProjectPermission =>
  (PROJECT_PERMISSIONS as readonly string[]).includes(key);

/**
 * A simplified Jira permission scheme: each project grants each permission to groups, users, its lead or
 * anyone signed in. The app (`asApp`) may do everything, as a Forge app with the right scopes can.
 * Members of `site-admins` hold ADMINISTER and administer every project, but browse only where granted.
 */
export class JiraPermissions {
  constructor(private readonly repo: JiraRepo) {}

  private activeUser(accountId: string): boolean {
    const u = this.repo.user(accountId);
    return !!u && u.active === 1;
  }

  hasGlobal(actor: JiraActor, permission: GlobalPermission): boolean {
    if (actor.kind === 'app') return true;
    if (!this.activeUser(actor.accountId)) return false;
    const groups = this.repo.groupsOf(actor.accountId);
    if (groups.includes(SITE_ADMINS_GROUP)) return true;
    return permission === 'USER_PICKER' && groups.includes(BROWSE_USERS_GROUP);
  }

  /** The project permissions the actor holds in a project. */
  projectPermissions(actor: JiraActor, projectId: number): Set<ProjectPermission> {
    if (actor.kind === 'app') return new Set(PROJECT_PERMISSIONS);
    const held = new Set<ProjectPermission>();
    if (!this.activeUser(actor.accountId)) return held;
    const project = this.repo.projectById(projectId);
    if (!project) return held;
    const groups = new Set(this.repo.groupsOf(actor.accountId).map((g) => g.toLowerCase()));
    for (const g of this.repo.grants(projectId)) {
      if (!isProjectPermission(g.permission)) continue;
      const applies =
        g.holder_type === 'anyone' ||
        (g.holder_type === 'group' && groups.has(g.holder.toLowerCase())) ||
        (g.holder_type === 'user' && g.holder === actor.accountId) ||
        (g.holder_type === 'projectLead' && project.lead_account_id === actor.accountId);
      if (applies) held.add(g.permission);
    }
    if (groups.has(SITE_ADMINS_GROUP)) held.add('ADMINISTER_PROJECTS');
    return held;
  }

  has(actor: JiraActor, projectId: number, permission: ProjectPermission): boolean {
    return this.projectPermissions(actor, projectId).has(permission);
  }

  /** Projects whose issues the actor may see; `null` means all (the app). */
  browsableProjectIds(actor: JiraActor): number[] | null {
    if (actor.kind === 'app') return null;
    return this.repo
      .projects()
      .filter((p) => this.has(actor, p.id, 'BROWSE_PROJECTS'))
      .map((p) => p.id);
  }

  /** Whether the actor holds a project permission in any project (Jira's answer without a context). */
  hasAnywhere(actor: JiraActor, permission: ProjectPermission): boolean {
    return this.repo.projects().some((p) => this.has(actor, p.id, permission));
  }
}
