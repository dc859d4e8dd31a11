import { z } from 'zod';

/**
 * Request bodies as `@forge/kvs` 1.6.5 sends them (see `out/storage-api.js`, `out/interfaces/kvs-api.d.ts`).
 * Only the structure is checked here; keys, values, conditions and limits are checked by the engine so that
 * each failure gets its own Forge error code.
 */
const metadataField = z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);
const getOptions = z.object({ metadataFields: z.array(metadataField).optional() }).optional();
const ttl = z.object({ value: z.number(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const setOptions = z
  .object({
    ttl: ttl.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: z.array(metadataField).optional(),
  })
  .optional();

export const conditionItemSchema = z.object({
  property: z.string(),
  condition: z.string(),
  values: z.array(z.unknown()),
});
export const filtersSchema = z.object({
  and: z.array(conditionItemSchema).optional(),
  or: z.array(conditionItemSchema).optional(),
});

export const getRequest = z.object({ key: z.string(), options: getOptions });
export const setRequest = z.object({ key: z.string(), value: z.unknown(), options: setOptions });
export const deleteRequest = z.object({ key: z.string() });
export const entityGetRequest = getRequest.extend({ entityName: z.string() });
export const entitySetRequest = setRequest.extend({ entityName: z.string() });
export const entityDeleteRequest = deleteRequest.extend({ entityName: z.string() });

export const queryRequest = z.object({
  limit: z.number().optional(),
  after: z.string().optional(),
  where: z.array(conditionItemSchema).optional(),
  options: getOptions,
});

export const entityQueryRequest = z.object({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: z.object({ condition: z.string(), values: z.array(z.unknown()) }).optional(),
  filters: filtersSchema.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  limit: z.number().optional(),
  cursor: z.string().optional(),
  options: getOptions,
  metadataFields: z.array(metadataField).optional(),
});

export const batchSetRequest = z.array(
  z.object({ key: z.string(), value: z.unknown(), entityName: z.string().optional(), options: setOptions }),
);
export const batchGetRequest = z.array(
  z.object({ key: z.string(), entityName: z.string().optional(), options: getOptions }),
);
export const batchDeleteRequest = z.array(z.object({ key: z.string(), entityName: z.string().optional() }));

export const transactionRequest = z.object({
  set: z
    .array(
      z.object({
        key: z.string(),
        value: z.unknown(),
        entityName: z.string().optional(),
        conditions: filtersSchema.optional(),
        options: setOptions,
      }),
    )
    .optional(),
  delete: z
    .array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: filtersSchema.optional() }))
    .optional(),
  check: z.array(z.object({ key: z.string(), entityName: z.string(), conditions: filtersSchema })).optional(),
});

export type MetadataField = z.infer<typeof metadataField>;
export type SetOptions = z.infer<typeof setOptions>;
export type ConditionItem = z.infer<typeof conditionItemSchema>;
export type Filters = z.infer<typeof filtersSchema>;
export type EntityQueryRequest = z.infer<typeof entityQueryRequest>;
export type TransactionRequest = z.infer<typeof transactionRequest>;
