import type { z } from 'zod';
import type {
  ApplyTemplateInputSchema,
  RaciTemplate,
  RaciTemplatesView,
  SaveRaciTemplatesInputSchema,
  TemplatePreview,
} from '../../contract';
import { applyTemplate, DEFAULT_TEMPLATES, type TemplateDepartment } from '../../domain/raci/raci-templates';
import type { ActingContext, Deps } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { readDirectory } from '../kernel/people-index';
import { toPerson } from './raci-view';
import { ENTITY, KEY } from '../kernel/storage-keys';
import { readAsUser } from '../kernel/visibility';

/** A project's own templates, as stored once someone saved them on the project settings page. */
interface StoredTemplates {
  version: number;
  templates: RaciTemplate[];
  updatedAt: number;
  updatedBy: string;
}

const readStored = (deps: Pick<Deps, 'store'>, projectKey: string) =>
  deps.store.getEntity<StoredTemplates>(ENTITY.raciTemplates, KEY.raciTemplates(projectKey));

/** A project's scenario templates: its own once edited, the seeded defaults until then. */
export async function readTemplates(deps: Pick<Deps, 'store'>, projectKey: string): Promise<RaciTemplate[]> {
  return (await readStored(deps, projectKey))?.templates ?? [...DEFAULT_TEMPLATES];
}

/** Changing a project's templates is for its administrators (Jira's Administer projects), asked as the user. */
async function canAdminister(deps: Deps, projectKey: string): Promise<boolean> {
  const held = await deps.jira.hasPermissions('user', { projectKey }, ['ADMINISTER_PROJECTS']);
  return held.ADMINISTER_PROJECTS;
}

function templatesView(stored: StoredTemplates | undefined, canEdit: boolean): RaciTemplatesView {
  return {
    templates: stored?.templates ?? [...DEFAULT_TEMPLATES],
    isDefault: !stored,
    version: stored?.version ?? 0,
    canEdit,
    defaults: [...DEFAULT_TEMPLATES],
  };
}

/** The settings page's view: the templates, whether they are the defaults, and whether the viewer may edit. */
export async function getRaciTemplateSettings(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
): Promise<RaciTemplatesView> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'forbidden.browse', { what: 'project' });
  const project = await readAsUser(
    'project',
    () => deps.jira.getProject('user', projectKey),
    () => deps.jira.getProject('app', projectKey),
  );
  const [stored, canEdit] = await Promise.all([readStored(deps, project.key), canAdminister(deps, project.key)]);
  return templatesView(stored, canEdit);
}

/**
 * Replaces a project's templates, for its administrators only. The record's version is the condition of the
 * write (compare-and-set in one KVS transaction): a save made from an older list is refused with CONFLICT,
 * so two admins editing at once cannot silently overwrite each other.
 */
export async function saveRaciTemplates(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  input: z.output<typeof SaveRaciTemplatesInputSchema>,
): Promise<RaciTemplatesView> {
  if (!ctx.accountId || !(await canAdminister(deps, projectKey)))
    throw new AppError('FORBIDDEN', 'raci.forbidden.templates');
  const current = await readStored(deps, projectKey);
  if ((current?.version ?? 0) !== input.expectedVersion) throw new AppError('CONFLICT', 'raci.conflict.templates');
  const next: StoredTemplates = {
    version: input.expectedVersion + 1,
    templates: input.templates,
    updatedAt: deps.clock.now(),
    updatedBy: ctx.accountId,
  };
  try {
    await deps.store.transact([
      {
        kind: 'set',
        entity: ENTITY.raciTemplates,
        key: KEY.raciTemplates(projectKey),
        value: next,
        ifVersion: current ? current.version : 'absent',
      },
    ]);
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') throw new AppError('CONFLICT', 'raci.conflict.templates');
    throw e;
  }
  return templatesView(next, true);
}

async function directoryDepartments(deps: Deps) {
  const record = await readDirectory(deps);
  return record?.departments ?? [];
}

/**
 * What the panel's "apply a template" dialog needs: the project's templates and each department with the
 * people a template can pick (head, interface person), named (one user lookup, as the user).
 */
export async function getRaciTemplates(deps: Deps, ctx: ActingContext, projectKey: string) {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'forbidden.edit');
  const [templates, departments] = await Promise.all([readTemplates(deps, projectKey), directoryDepartments(deps)]);
  const ids = departments.flatMap((d) => [d.headAccountId, d.interfaceAccountId].filter((x): x is string => !!x));
  const users = new Map((await deps.jira.getUsers('user', ids)).map((u) => [u.accountId, u]));
  return {
    templates,
    departments: departments.map((d) => ({
      id: d.id,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      head: d.headAccountId ? toPerson(users.get(d.headAccountId), d.headAccountId) : null,
      interface: d.interfaceAccountId ? toPerson(users.get(d.interfaceAccountId), d.interfaceAccountId) : null,
    })),
  };
}

/**
 * The RACI a template gives with the chosen departments, for the user to check before saving it through
 * setRaci like any other edit. Nothing is written here.
 */
export async function previewRaciTemplate(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  input: z.output<typeof ApplyTemplateInputSchema>,
): Promise<TemplatePreview> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'forbidden.edit');
  const [templates, departments] = await Promise.all([readTemplates(deps, projectKey), directoryDepartments(deps)]);
  const template = templates.find((t) => t.id === input.templateId);
  if (!template) throw new AppError('NOT_FOUND', 'raci.notFound.template', { id: input.templateId }, 'templateId');
  const byId = new Map<string, TemplateDepartment>(departments.map((d) => [d.id, d]));
  const unknown = Object.values(input.parties).filter((id) => !byId.has(id));
  if (unknown.length > 0)
    throw new AppError('VALIDATION', 'raci.validation.unknownDepartments', { ids: unknown.join(', ') }, 'parties');
  const applied = applyTemplate(template, input.parties, byId);
  const ids = Object.values(applied.people).flat();
  const users = new Map((await deps.jira.getUsers('user', ids)).map((u) => [u.accountId, u]));
  const people = (list: string[]) => list.map((id) => toPerson(users.get(id), id));
  return {
    responsible: people(applied.people.responsible),
    accountable: people(applied.people.accountable),
    consulted: people(applied.people.consulted),
    informed: people(applied.people.informed),
    departments: {
      responsible: applied.departments.responsible,
      accountable: applied.departments.accountable,
      consulted: applied.departments.consulted,
      informed: applied.departments.informed,
    },
    reviewing: people(applied.people.reviewing),
    reviewingDepartments: applied.departments.reviewing,
    unfilled: applied.unfilled,
  };
}
