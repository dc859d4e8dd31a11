import { route } from '@forge/api';
import { z } from 'zod';
import type { RaciFieldIds, RaciRole } from '../../../app/kernel/ports';
import { AppError } from '../../../app/kernel/errors';
import { ensureOk, readJson, request } from './http';

/** Module keys of the app's own custom fields, as declared in manifest.yml. */
export const RACI_FIELD_KEYS = {
  responsible: 'raci-responsible',
  accountable: 'raci-accountable',
  consulted: 'raci-consulted',
  informed: 'raci-informed',
} as const satisfies Record<RaciRole, string>;

/** The issue entity property holding the departments assigned per RACI role (issue 3). */
export const RACI_DEPARTMENTS_PROPERTY = 'collab-raci-departments';
/**
 * The issue's Accountable, mirrored into an entity property the app keeps in step with the field. The
 * "only the Accountable" workflow condition reads it (`issue.properties['collab-raci']`): a Jira expression
 * can name a custom field only by its per-site id, but an entity property by a key the manifest can hold.
 */
export const RACI_APPROVER_PROPERTY = 'collab-raci';

/**
 * Module keys of the app's escalation fields (manifest.yml): the level (number), the state (text), who holds the
 * current level and who raised (people). An install from before the two people fields has only level and state.
 */
export const ESCALATION_FIELD_KEYS = {
  level: 'escalation-level',
  state: 'escalation-state',
  holders: 'escalation-holders',
  raisers: 'escalation-raisers',
} as const;
export type EscalationField = keyof typeof ESCALATION_FIELD_KEYS;
/** The site's ids of the escalation people fields; optional until the app is upgraded there. */
export type EscalationPeopleFieldIds = Partial<Record<'holders' | 'raisers', string>>;
export type EscalationFieldIds = { level: string; state: string } & EscalationPeopleFieldIds;

const FieldSchema = z.object({
  id: z.string(),
  schema: z.object({ custom: z.string().optional() }).passthrough().optional(),
});

/** The standard fields every issue read asks for, before the app's own. */
const ISSUE_FIELDS = ['summary', 'status', 'duedate', 'project', 'fixVersions', 'created', 'statuscategorychangedate'];

/** The ids (`customfield_N`) Jira gave the app's fields on this site, looked up once per warm function instance. */
export interface AppFields {
  /** A role is missing where its field is not on the site. */
  raci(): Promise<RaciFieldIds>;
  /** Level and state must exist (NOT_CONFIGURED otherwise); the people fields are there only after the app's upgrade. */
  escalation(): Promise<EscalationFieldIds>;
  /** The escalation people fields present on the site (either may be missing before the app's upgrade there). */
  escalationPeople(): Promise<EscalationPeopleFieldIds>;
  /** The fields an issue read asks for: the standard ones and the RACI fields. */
  issueFields(): Promise<string[]>;
  /** Drops the looked-up ids, for when Jira says a field is gone: the next call looks them up afresh. */
  forget(): void;
}

/**
 * Finds the app's fields by their module key (the end of `schema.custom`). The ids are stable for the life of an
 * installation, so one lookup serves the RACI and the escalation fields alike; a failed lookup is not kept.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 */
export function createAppFields(): AppFields {
  let lookup: Promise<(moduleKey: string) => string | undefined> | null = null;
  const idOf = (): Promise<(moduleKey: string) => string | undefined> => {
    lookup ??= (async () => {
      const res = ensureOk(await request('app', route`/rest/api/3/field`), { notFound: 'upstream' });
      const fields = await readJson(res, z.array(FieldSchema), 'fields');
      return (moduleKey: string) => fields.find((fl) => fl.schema?.custom?.endsWith(`/static/${moduleKey}`))?.id;
    })().catch((e: unknown) => {
      lookup = null;
      throw e;
    });
    return lookup;
  };
  const present = <K extends string>(entries: Array<[K, string | undefined]>): Partial<Record<K, string>> =>
    Object.fromEntries(entries.filter(([, id]) => !!id)) as Partial<Record<K, string>>;

  const fields: AppFields = {
    async raci() {
      const id = await idOf();
      return present((Object.keys(RACI_FIELD_KEYS) as RaciRole[]).map((role) => [role, id(RACI_FIELD_KEYS[role])]));
    },
    async escalation() {
      const id = await idOf();
      const [level, state] = [id(ESCALATION_FIELD_KEYS.level), id(ESCALATION_FIELD_KEYS.state)];
      if (!level || !state) throw new AppError('NOT_CONFIGURED', 'notConfigured.escalationField');
      return { level, state, ...(await fields.escalationPeople()) };
    },
    async escalationPeople() {
      const id = await idOf();
      return present<'holders' | 'raisers'>([
        ['holders', id(ESCALATION_FIELD_KEYS.holders)],
        ['raisers', id(ESCALATION_FIELD_KEYS.raisers)],
      ]);
    },
    async issueFields() {
      return [...ISSUE_FIELDS, ...Object.values(await fields.raci())];
    },
    forget() {
      lookup = null;
    },
  };
  return fields;
}
