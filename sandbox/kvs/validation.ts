import { badRequest } from './errors';
import {
  ENTITY_NAME_MAX_LENGTH,
  ENTITY_NAME_MIN_LENGTH,
  FLOAT_MAX_MAGNITUDE,
  FLOAT_MIN_MAGNITUDE,
  INT32_MAX,
  INT32_MIN,
  KEY_PATTERN,
  MAX_KEY_LENGTH,
  MAX_OBJECT_DEPTH,
  MAX_TTL_SECONDS,
} from './limits';
import type { EntityAttributeType, EntityDefinition } from './manifest-entities';

/** Which store a key belongs to; the empty-key code differs between the KVS and the Custom Entity Store docs. */
export type KeyKind = 'kvs' | 'entity';

/** Rejects keys the way Forge does (handling-errors-kvs / handling-errors-customentities). */
export function validateKey(key: string, kind: KeyKind): void {
  if (key.length === 0) {
    throw kind === 'kvs'
      ? badRequest('KEY_TOO_SHORT', 'The provided key needs to be at least one character.')
      : badRequest('EMPTY_KEY', 'Key cannot be empty.');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw badRequest('KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`, {
      keyLength: key.length,
    });
  }
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN.source}`, { key });
  }
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((max, item) => Math.max(max, depthOf(item)), 0);
  if (value !== null && typeof value === 'object') {
    return 1 + Object.values(value).reduce<number>((max, item) => Math.max(max, depthOf(item)), 0);
  }
  return 0;
}

/**
 * Serialises a value for storage after checking presence, size and depth.
 * @returns the JSON text to store
 */
export function serializeValue(value: unknown, maxBytes: number): string {
  if (value === undefined) throw badRequest('BAD_REQUEST', 'Provided request body is invalid: value is required.');
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > maxBytes) {
    throw badRequest('MAX_SIZE', `The provided value has exceeded the maximum size limit of ${maxBytes} bytes.`, {
      size: bytes,
      maxSize: maxBytes,
    });
  }
  if (depthOf(value) > MAX_OBJECT_DEPTH) {
    throw badRequest('MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_OBJECT_DEPTH}).`);
  }
  return json;
}

const ENTITY_NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;

/** Checks an entity name's format and that the manifest declares it. */
export function resolveEntity(entityName: string, entities: ReadonlyMap<string, EntityDefinition>): EntityDefinition {
  if (entityName.length < ENTITY_NAME_MIN_LENGTH) {
    throw badRequest('ENTITY_TYPE_TOO_SHORT', `Entity name '${entityName}' is shorter than 3 characters.`);
  }
  if (entityName.length > ENTITY_NAME_MAX_LENGTH) {
    throw badRequest('ENTITY_TYPE_TOO_LARGE', `Entity name '${entityName}' is longer than 60 characters.`);
  }
  if (!ENTITY_NAME_PATTERN.test(entityName)) {
    throw badRequest('INVALID_ENTITY_TYPE', `Entity name '${entityName}' does not match ${ENTITY_NAME_PATTERN.source}`);
  }
  const entity = entities.get(entityName);
  if (!entity) {
    const declared = [...entities.keys()].join(', ') || 'none';
    throw badRequest(
      'INVALID_ENTITY_TYPE',
      `Entity '${entityName}' is not declared in manifest.yml app.storage.entities (declared: ${declared}).`,
      { entityName },
    );
  }
  return entity;
}

/** True when `value` may be stored in an attribute of `type` (storage-api-custom-entities type requirements). */
export function matchesAttributeType(value: unknown, type: EntityAttributeType): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      const magnitude = Math.abs(value);
      return magnitude === 0 || (magnitude >= FLOAT_MIN_MAGNITUDE && magnitude <= FLOAT_MAX_MAGNITUDE);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks an entity value: an object whose properties are declared attributes of the right type.
 * `null` is accepted for any attribute and treated as absent by indexes.
 */
export function validateEntityValue(entity: EntityDefinition, value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw badRequest('INVALID_ENTITY_VALUE', `A value of entity '${entity.name}' must be an object.`);
  }
  for (const [attribute, attributeValue] of Object.entries(value)) {
    const declared = entity.attributes[attribute];
    if (!declared) {
      throw badRequest(
        'INVALID_ENTITY_VALUE',
        `Attribute '${attribute}' is not declared for entity '${entity.name}' in manifest.yml.`,
        { entityName: entity.name, attribute },
      );
    }
    if (attributeValue !== null && !matchesAttributeType(attributeValue, declared.type)) {
      const detail =
        declared.type === 'integer'
          ? ' (a 32-bit signed integer)'
          : declared.type === 'float'
            ? ' (0 or 1E-130..9.99E+125)'
            : '';
      throw badRequest(
        'INVALID_ENTITY_VALUE',
        `Attribute '${attribute}' of entity '${entity.name}' must be of type ${declared.type}${detail}; got ${JSON.stringify(attributeValue)}.`,
        { entityName: entity.name, attribute },
      );
    }
  }
  return value;
}

const TTL_UNIT_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86_400 } as const;

/** Turns a `{ value, unit }` TTL into an absolute expiry time in epoch milliseconds. */
export function expiryFromTtl(
  ttl: { value: number; unit: keyof typeof TTL_UNIT_SECONDS } | undefined,
  nowMs: number,
): number | null {
  if (!ttl) return null;
  const seconds = ttl.value * TTL_UNIT_SECONDS[ttl.unit];
  if (!Number.isInteger(ttl.value) || ttl.value <= 0 || seconds > MAX_TTL_SECONDS) {
    throw badRequest(
      'INVALID_TTL',
      `TTL must be a positive integer of at most one year; got ${ttl.value} ${ttl.unit}.`,
    );
  }
  return nowMs + seconds * 1000;
}
