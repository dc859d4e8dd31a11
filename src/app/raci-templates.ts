import type { z } from 'zod';
import type { ApplyTemplateInputSchema, RaciTemplate, TemplatePreview } from '../contract';
import { applyTemplate, DEFAULT_TEMPLATES, type TemplateDepartment } from '../domain/raci-templates';
import type { ActingContext, Deps } from './ports';
import { AppError } from './errors';
import { readDirectory } from './departments';
import { toPerson } from './raci-view';
import { KEY } from './storage-keys';

interface StoredTemplates {
  v: 1;
  templates: RaciTemplate[];
}

/** A project's scenario templates: its own once edited, the seeded defaults until then. */
export async function readTemplates(deps: Pick<Deps, 'store'>, projectKey: string): Promise<RaciTemplate[]> {
  const stored = await deps.store.get<StoredTemplates>(KEY.raciTemplates(projectKey));
  return stored?.templates ?? [...DEFAULT_TEMPLATES];
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
  if (unknown.length > 0) throw new AppError('VALIDATION', 'raci.validation.unknownDepartments', { ids: unknown.join(', ') }, 'parties');
  const applied = applyTemplate(template, input.parties, byId);
  const ids = Object.values(applied.people).flat();
  const users = new Map((await deps.jira.getUsers('user', ids)).map((u) => [u.accountId, u]));
  const people = (list: string[]) => list.map((id) => toPerson(users.get(id), id));
  return {
    responsible: people(applied.people.responsible),
    accountable: people(applied.people.accountable),
    consulted: people(applied.people.consulted),
    informed: people(applied.people.informed),
    departments: applied.departments,
    unfilled: applied.unfilled,
  };
}
