import { createHash, randomBytes } from 'node:crypto';
import { CalendarSettingsSchema, type CalendarSettings, type DepartmentRef, type LadderConfig } from '../../contract';
import { DEFAULT_CALENDAR_SETTINGS } from '../../domain/shared/calendar';
import { dependencyLimitsOf } from '../../domain/shared/limits';
import { DEFAULT_LADDER, normalizeLadder, type Ladder } from '../../domain/escalations/ladder';
import type { ActingContext, Deps } from '../kernel/ports';
import { AppError, isAppError } from '../kernel/errors';
import { ENTITY, KEY, SECRET } from '../kernel/storage-keys';
import {
  readDirectory,
  readPeopleIndexWith,
  type DirectoryRecord,
  type PeopleIndex,
  type StoredDepartment,
} from '../kernel/people-index';

/** An `esc-settings` record: one document with its own version, for conditional writes. */
interface SettingsRecord<T> {
  version: number;
  data: T;
  updatedAt: number;
  updatedBy: string;
}

function settingsOf<T>(rec: SettingsRecord<T> | undefined, fallback: T): { data: T; version: number } {
  return rec ? { data: rec.data, version: rec.version } : { data: structuredClone(fallback), version: 0 };
}

async function readSettings<T>(
  deps: Pick<Deps, 'store'>,
  key: string,
  fallback: T,
): Promise<{ data: T; version: number }> {
  return settingsOf(await deps.store.getEntity<SettingsRecord<T>>(ENTITY.escalationSettings, key), fallback);
}

async function writeSettings<T>(
  deps: Deps,
  key: string,
  data: T,
  version: number,
  by: string,
  what: 'escalation' | 'project',
): Promise<number> {
  const next: SettingsRecord<T> = { version: version + 1, data, updatedAt: deps.clock.now(), updatedBy: by };
  try {
    await deps.store.transact([
      {
        kind: 'set',
        entity: ENTITY.escalationSettings,
        key,
        value: next,
        ifVersion: version === 0 ? 'absent' : version,
      },
    ]);
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT') throw new AppError('CONFLICT', 'conflict.version', { what });
    throw e;
  }
  return next.version;
}

/** The site's calendars with their dependency limits; settings saved before issue 15 have none and read the defaults. */
async function readCalendarSettings(deps: Pick<Deps, 'store'>) {
  const { data, version } = await readSettings(deps, KEY.calendars, DEFAULT_CALENDAR_SETTINGS);
  return { data: { ...data, limits: dependencyLimitsOf(data) }, version };
}
/** A project's ladder in today's shape: one saved before issue 15 (per-level working hours) is mapped onto tiers. */
async function readLadder(deps: Pick<Deps, 'store'>, projectKey: string) {
  const { data, version } = await readSettings<LadderConfig>(deps, KEY.ladder(projectKey), DEFAULT_LADDER);
  return { data: normalizeLadder(data), version };
}

/** Everything that decides who holds which level of one escalation, read once per use case (or per sweep). */
export interface LadderContext extends Ladder {
  departments: Map<string, StoredDepartment>;
  calendars: CalendarSettings;
}

/**
 * A project's ladder context and the people index, in ONE KVS batch read: the index and calendars, the
 * project's ladder and the department directory (heads and interface persons).
 */
export async function readPeopleAndLadder(
  deps: Pick<Deps, 'store'>,
  projectKey: string,
  accounts?: readonly string[],
): Promise<{ people: PeopleIndex; lc: LadderContext }> {
  const { people, extra } = await readPeopleIndexWith(
    deps,
    [
      { key: KEY.ladder(projectKey), entity: ENTITY.escalationSettings },
      { key: KEY.departmentDirectory, entity: ENTITY.departmentDirectory },
    ],
    accounts,
  );
  const [ladder, directory] = extra as [SettingsRecord<LadderConfig> | undefined, DirectoryRecord | undefined];
  return {
    people,
    lc: {
      ladder: normalizeLadder(settingsOf(ladder, DEFAULT_LADDER).data),
      departments: new Map((directory?.departments ?? []).map((d) => [d.id, d])),
      calendars: people.calendars ?? structuredClone(DEFAULT_CALENDAR_SETTINGS),
    },
  };
}

export async function readLadderContext(deps: Pick<Deps, 'store'>, projectKey: string): Promise<LadderContext> {
  return (await readPeopleAndLadder(deps, projectKey)).lc;
}

export function departmentRefs(lc: Pick<LadderContext, 'departments'>): DepartmentRef[] {
  return [...lc.departments.values()].map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn }));
}

/** Jira's global ADMINISTER, asked as the user: calendars and the web trigger secret are site settings. */
export async function requireJiraAdmin(deps: Deps): Promise<void> {
  const held = await deps.jira.hasPermissions('user', {}, ['ADMINISTER']);
  if (!held.ADMINISTER) throw new AppError('FORBIDDEN', 'forbidden.calendars');
}

async function isJiraAdmin(deps: Deps): Promise<boolean> {
  return (await deps.jira.hasPermissions('user', {}, ['ADMINISTER'])).ADMINISTER;
}

export async function getCalendars(deps: Deps) {
  const [settings, directory, canEdit] = await Promise.all([
    readCalendarSettings(deps),
    readDirectory(deps),
    isJiraAdmin(deps),
  ]);
  const departments = (directory?.departments ?? []).map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn }));
  return { settings: settings.data, version: settings.version, departments, canEdit };
}

/** Validates references (calendar ids unique, departments point at calendars that exist) before writing. */
export async function saveCalendars(
  deps: Deps,
  ctx: ActingContext,
  input: { settings: CalendarSettings; version: number },
) {
  await requireJiraAdmin(deps);
  const settings = CalendarSettingsSchema.parse(input.settings);
  const ids = new Set<string>();
  for (const c of settings.calendars) {
    if (ids.has(c.id)) throw new AppError('VALIDATION', 'calendar.duplicate', { id: c.id }, 'calendars');
    ids.add(c.id);
  }
  if (!ids.has(settings.defaultCalendarId))
    throw new AppError(
      'VALIDATION',
      'calendar.unknown',
      { field: 'defaultCalendarId', id: settings.defaultCalendarId },
      'defaultCalendarId',
    );
  for (const [dept, id] of Object.entries(settings.byDepartment)) {
    if (!ids.has(id))
      throw new AppError(
        'VALIDATION',
        'calendar.unknown',
        { field: `byDepartment.${dept}`, id },
        `byDepartment.${dept}`,
      );
  }
  await writeSettings(deps, KEY.calendars, settings, input.version, ctx.accountId ?? '', 'escalation');
  return getCalendars(deps);
}

export async function isProjectAdmin(deps: Deps, projectKey: string): Promise<boolean> {
  const held = await deps.jira.hasPermissions('user', { projectKey }, ['ADMINISTER_PROJECTS']);
  return held.ADMINISTER_PROJECTS;
}

export async function getLadderView(deps: Deps, projectKey: string) {
  const [ladder, canEdit] = await Promise.all([readLadder(deps, projectKey), isProjectAdmin(deps, projectKey)]);
  const ids = [...new Set(ladder.data.levels.flatMap((l) => l.accountIds))];
  const users = ids.length ? await deps.jira.getUsers('user', ids) : [];
  const people = users.map((u) => ({
    accountId: u.accountId,
    displayName: u.displayName,
    active: u.active,
    ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}),
  }));
  return { ladder: ladder.data, version: ladder.version, people, canEdit };
}

export async function saveLadder(
  deps: Deps,
  ctx: ActingContext,
  projectKey: string,
  input: { ladder: LadderConfig; version: number },
) {
  if (!(await isProjectAdmin(deps, projectKey)))
    throw new AppError('FORBIDDEN', 'forbidden.projectAdmin', { key: projectKey });
  const ids = [...new Set(input.ladder.levels.flatMap((l) => l.accountIds))];
  if (ids.length) {
    const known = new Set((await deps.jira.getUsers('user', ids)).map((u) => u.accountId));
    input.ladder.levels.forEach((l, i) => {
      l.accountIds.forEach((accountId, j) => {
        if (!known.has(accountId))
          throw new AppError(
            'VALIDATION',
            'validation.unknownUser',
            { field: `levels.${i}.accountIds.${j}`, accountId },
            `levels.${i}.accountIds.${j}`,
          );
      });
    });
  }
  const ladder = normalizeLadder(input.ladder);
  await writeSettings(deps, KEY.ladder(projectKey), ladder, input.version, ctx.accountId ?? '', 'project');
  return getLadderView(deps, projectKey);
}

interface SecretMeta {
  rotatedAt: number;
  rotatedBy: string;
  fingerprint: string;
}

const fingerprint = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 12);

export async function getWebhookSecretStatus(deps: Deps) {
  const [secret, meta, canEdit, allowed] = await Promise.all([
    deps.store.getSecret<string>(SECRET.webhookSigningKey),
    deps.store.get<SecretMeta>(KEY.webhookSecretMeta),
    isJiraAdmin(deps),
    deps.store.get<{ projectKeys: string[] }>(KEY.webhookProjects),
  ]);
  return {
    configured: !!secret,
    rotatedAt: meta ? new Date(meta.rotatedAt).toISOString() : null,
    fingerprint: secret ? fingerprint(secret) : null,
    canEdit,
    allowedProjects: allowed?.projectKeys ?? [],
  };
}

/**
 * A new signing secret from the platform's CSPRNG, kept with `kvs.setSecret` (encrypted, never listed). The
 * answer is the only time it is shown; the old secret stops working at once.
 */
export async function rotateWebhookSecret(deps: Deps, ctx: ActingContext) {
  await requireJiraAdmin(deps);
  const secret = randomBytes(32).toString('base64url');
  await deps.store.setSecret(SECRET.webhookSigningKey, secret);
  const meta: SecretMeta = {
    rotatedAt: deps.clock.now(),
    rotatedBy: ctx.accountId ?? '',
    fingerprint: fingerprint(secret),
  };
  await deps.store.set(KEY.webhookSecretMeta, meta);
  return {
    configured: true,
    rotatedAt: new Date(meta.rotatedAt).toISOString(),
    fingerprint: meta.fingerprint,
    canEdit: true,
    allowedProjects: (await deps.store.get<{ projectKeys: string[] }>(KEY.webhookProjects))?.projectKeys ?? [],
    secret,
  };
}
