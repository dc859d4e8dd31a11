/**
 * Documented Forge KVS / Custom Entity Store limits enforced by the sandbox engine.
 * Sources (developer.atlassian.com/platform/forge/...):
 * - limits-kvs-ce: key length 500, key regex, value 240 KiB, object depth 31
 * - storage-reference/handling-errors-kvs and handling-errors-customentities: error codes
 * - runtime-reference/storage-api-secret: secret values up to 128 KiB
 * - runtime-reference/storage-api-query: page size 10 by default, at most 100
 * - storage-reference/transactions, transactions-entities: 25 operations, 4 MB payload, unique keys
 * - storage-reference/entities-batch: 25 keys per batch, 4 MB payload, no duplicates, not empty
 * - storage-reference/storage-api-custom-entities: integer is 32-bit signed; float is 0 or 1E-130..9.99..E+125
 */
export const MAX_KEY_LENGTH = 500;
/** `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/` from the docs; without the `u` flag `\s-#` is `\s`, `-` and `#`. */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s#-]+$/;
export const MAX_VALUE_BYTES = 240 * 1024;
export const MAX_SECRET_VALUE_BYTES = 128 * 1024;
export const MAX_OBJECT_DEPTH = 31;
export const DEFAULT_QUERY_LIMIT = 10;
export const MAX_QUERY_LIMIT = 100;
export const MAX_TRANSACTION_OPERATIONS = 25;
export const MAX_BATCH_ITEMS = 25;
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
export const MAX_TTL_SECONDS = 365 * 24 * 60 * 60;
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;
export const FLOAT_MIN_MAGNITUDE = 1e-130;
/** The documented 9.99…9E+125 (38 nines) is nearest to the double 1e126, which is what that literal always parsed to. */
export const FLOAT_MAX_MAGNITUDE = 1e126;
export const ENTITY_NAME_MIN_LENGTH = 3;
export const ENTITY_NAME_MAX_LENGTH = 60;
