import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** Attribute types allowed by `app.storage.entities[].attributes.*.type` in the manifest schema. */
export type EntityAttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

/**
 * One index as written in `manifest.yml`: either an attribute name (shorthand for a range-only index named
 * after that attribute) or `{ name, range, partition? }`.
 */
export type EntityIndexDefinition = string | { name: string; range: string[]; partition?: string[] };

/**
 * One custom entity as declared under `app.storage.entities` in `manifest.yml`
 * (shape of `@forge/manifest` schema `AppSchema.storage.entities`). `indexes` is optional in the manifest;
 * {@link loadEntityDefinitions} fills in `[]` when it is absent.
 */
export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: EntityAttributeType }>;
  indexes: EntityIndexDefinition[];
}

/** An index with its name, partition and range attributes spelled out. */
export interface ResolvedIndex {
  name: string;
  partition: string[];
  range: string[];
}

/** Index that every entity has implicitly: range over the entity key (`@forge/manifest` reserves the name). */
export const BY_KEY_INDEX = 'by-key';

/** Limits enforced by `@forge/manifest` (schema patterns, `validators/storage-validator.js`). */
const ENTITY_NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const ATTRIBUTE_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const MAX_ATTRIBUTE_NAME_LENGTH = 30;
const MAX_ATTRIBUTES = 50;
const MAX_INDEXES = 7;

const attributeSchema = z.strictObject({ type: z.enum(['string', 'integer', 'float', 'boolean', 'any']) });
const indexSchema = z.union([
  z.string(),
  z.strictObject({
    name: z.string(),
    range: z.array(z.string()).min(1),
    partition: z.array(z.string()).min(1).optional(),
  }),
]);
const entityFields = {
  name: z.string().min(3).max(60).regex(ENTITY_NAME_PATTERN),
  // Attribute names are checked in validateEntityDefinitions, which can say what is wrong with them.
  attributes: z.record(z.string(), attributeSchema),
};
/** As written in the manifest: `indexes` may be absent but not empty. */
const manifestEntitySchema = z.strictObject({
  ...entityFields,
  indexes: z.array(indexSchema).min(1).max(MAX_INDEXES).optional(),
});
/** After loading: `indexes` is always present. */
const entitySchema = z.strictObject({ ...entityFields, indexes: z.array(indexSchema).max(MAX_INDEXES) });
const manifestSchema = z.looseObject({
  app: z
    .looseObject({
      storage: z.looseObject({ entities: z.array(manifestEntitySchema).optional() }).optional(),
    })
    .optional(),
});

/** Expands the string shorthand and checks that every index names declared attributes. */
export function resolveIndexes(entity: EntityDefinition): ResolvedIndex[] {
  const resolved = entity.indexes.map(
    (index): ResolvedIndex =>
      typeof index === 'string'
        ? { name: index, partition: [], range: [index] }
        : { name: index.name, partition: index.partition ?? [], range: index.range },
  );
  const seen = new Set<string>();
  for (const index of resolved) {
    if (index.name === BY_KEY_INDEX) {
      throw new Error(`Entity '${entity.name}' cannot use reserved index name '${BY_KEY_INDEX}'.`);
    }
    if (seen.has(index.name)) throw new Error(`Entity '${entity.name}' declares index '${index.name}' twice.`);
    seen.add(index.name);
    // The Forge docs allow exactly one range attribute; the schema allows more but the query API has one `where`.
    if (index.range.length !== 1) {
      throw new Error(`Index '${index.name}' of entity '${entity.name}' must have exactly one range attribute.`);
    }
    for (const attribute of [...index.partition, ...index.range]) {
      if (!(attribute in entity.attributes)) {
        throw new Error(
          `Index '${index.name}' of entity '${entity.name}' uses attribute '${attribute}', which is not declared.`,
        );
      }
    }
  }
  return resolved;
}

/**
 * Checks definitions against the manifest schema and `@forge/manifest`'s storage validator rules.
 * @throws Error naming the first problem found.
 */
export function validateEntityDefinitions(entities: readonly EntityDefinition[]): void {
  const names = new Set<string>();
  for (const entity of entities) {
    const parsed = entitySchema.safeParse(entity);
    if (!parsed.success) {
      throw new Error(`Invalid entity definition '${entity.name}': ${z.prettifyError(parsed.error)}`);
    }
    if (names.has(entity.name)) throw new Error(`Entity '${entity.name}' is declared twice.`);
    names.add(entity.name);
    for (const attribute of Object.keys(entity.attributes)) {
      if (!ATTRIBUTE_NAME_PATTERN.test(attribute)) {
        throw new Error(
          `Attribute name '${attribute}' of entity '${entity.name}' must match ${ATTRIBUTE_NAME_PATTERN.source}.`,
        );
      }
      if (attribute.length > MAX_ATTRIBUTE_NAME_LENGTH) {
        throw new Error(
          `Entity '${entity.name}' attribute name '${attribute}' exceeds maximum allowed length of ${MAX_ATTRIBUTE_NAME_LENGTH}.`,
        );
      }
    }
    if (Object.keys(entity.attributes).length > MAX_ATTRIBUTES) {
      throw new Error(`Entity '${entity.name}' contains more attributes than the allowed limit of ${MAX_ATTRIBUTES}.`);
    }
    resolveIndexes(entity);
  }
}

/**
 * Reads `app.storage.entities` from a manifest file.
 * @param manifestYamlPath path of `manifest.yml`
 * @returns the declared entities (empty when the manifest declares none), with `indexes` defaulted to `[]`
 * @throws Error when the file cannot be read or the entities do not follow the manifest schema
 */
export function loadEntityDefinitions(manifestYamlPath: string): EntityDefinition[] {
  const document: unknown = parse(readFileSync(manifestYamlPath, 'utf8'));
  const parsed = manifestSchema.safeParse(document ?? {});
  if (!parsed.success) {
    throw new Error(`Invalid app.storage.entities in ${manifestYamlPath}: ${z.prettifyError(parsed.error)}`);
  }
  const entities: EntityDefinition[] = (parsed.data.app?.storage?.entities ?? []).map((entity) => ({
    name: entity.name,
    attributes: entity.attributes,
    indexes: entity.indexes ?? [],
  }));
  validateEntityDefinitions(entities);
  return entities;
}
