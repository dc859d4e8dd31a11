import { KvsError } from './errors';
import { KVS_SCOPE, SECRET_SCOPE, type EntityModel, type ItemStore } from './item-store';
import { MAX_SECRET_VALUE_BYTES, MAX_VALUE_BYTES } from './limits';
import type { EntityDefinition } from './manifest-entities';
import { resolveEntity, serializeValue, validateEntityValue, validateKey } from './validation';

/** Where a key lives: its scope, and the entity model for Custom Entity Store keys. */
export interface Target {
  scope: string;
  entity: EntityModel | undefined;
  maxValueBytes: number;
}

export const KVS_TARGET: Target = { scope: KVS_SCOPE, entity: undefined, maxValueBytes: MAX_VALUE_BYTES };
export const SECRET_TARGET: Target = { scope: SECRET_SCOPE, entity: undefined, maxValueBytes: MAX_SECRET_VALUE_BYTES };

/** What every operation works on: the items, the clock, and the entities the manifest declares. */
export interface KvsContext {
  store: ItemStore;
  now: () => number;
  /** How long an item stays readable after its TTL has passed (0 but under production conditions). */
  expiredReadableMs: () => number;
  /** The transaction and batch payload cap in bytes. */
  maxPayloadBytes: () => number;
  definitions: ReadonlyMap<string, EntityDefinition>;
  models: ReadonlyMap<string, EntityModel>;
}

export function entityTarget(kvs: KvsContext, entityName: string): Target {
  const definition = resolveEntity(entityName, kvs.definitions);
  const model = kvs.models.get(definition.name);
  if (!model) throw new KvsError(500, 'INTERNAL_SERVER_ERROR', `Entity '${entityName}' has no model.`);
  return { scope: model.scope, entity: model, maxValueBytes: MAX_VALUE_BYTES };
}

export function keyKind(target: Target): 'kvs' | 'entity' {
  return target.entity ? 'entity' : 'kvs';
}

/** Resolves the target of a batch or transaction item (KVS key or entity key) and checks its key. */
export function itemTarget(kvs: KvsContext, key: string, entityName: string | undefined): Target {
  const target = entityName === undefined ? KVS_TARGET : entityTarget(kvs, entityName);
  validateKey(key, keyKind(target));
  return target;
}

/** Validates a value for `target` and returns its JSON text. */
export function prepareValue(target: Target, value: unknown): string {
  const json = serializeValue(value, target.maxValueBytes);
  if (target.entity) validateEntityValue(target.entity.definition, value);
  return json;
}
