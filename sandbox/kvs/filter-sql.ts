import { badRequest } from './errors';
import type { EntityAttributeType, EntityDefinition } from './manifest-entities';
import type { ConditionItem, Filters } from './wire';

/** A SQL fragment with its positional parameters. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** SQLite values bound as parameters: JSON booleans are compared through `json_type`, so never bound. */
type Scalar = string | number;

const FILTER_CONDITIONS = new Set([
  'BEGINS_WITH',
  'BETWEEN',
  'CONTAINS',
  'NOT_CONTAINS',
  'EQUAL_TO',
  'NOT_EQUAL_TO',
  'EXISTS',
  'NOT_EXISTS',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);

const RANGE_CONDITIONS = new Set([
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);

const COMPARATORS: Record<string, string> = {
  GREATER_THAN: '>',
  GREATER_THAN_EQUAL_TO: '>=',
  LESS_THAN: '<',
  LESS_THAN_EQUAL_TO: '<=',
};

/**
 * Upper bound for a prefix scan: SQLite compares TEXT bytewise, and U+10FFFF is the largest code point, so every
 * string starting with `prefix` sorts below `prefix + U+10FFFF` unless it continues with that non-character.
 */
export const PREFIX_UPPER_BOUND_SUFFIX = String.fromCodePoint(0x10ffff);

function valueCountError(item: { condition: string }, expected: number): never {
  if (item.condition === 'BETWEEN') {
    throw badRequest('INSUFFICIENT_FILTER_VALUES', 'The BETWEEN condition needs exactly two values.');
  }
  throw badRequest(
    'INVALID_FILTER_VALUES',
    `The ${item.condition} condition takes ${expected} value${expected === 1 ? '' : 's'}.`,
  );
}

function scalarOf(value: unknown, condition: string): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw badRequest(
    'INVALID_FILTER_VALUES',
    `The ${condition} condition got an unsupported value ${JSON.stringify(value)}.`,
  );
}

function orderable(value: unknown, condition: string): Scalar {
  const scalar = scalarOf(value, condition);
  if (typeof scalar === 'boolean') {
    throw badRequest('INVALID_FILTER_VALUES', `The ${condition} condition cannot compare booleans.`);
  }
  return scalar;
}

/** SQL test that the JSON value at `path` has the JSON type of `sample`. */
function typeTest(column: string, sample: string | number | boolean): SqlFragment {
  if (typeof sample === 'string') return { sql: `json_type(${column}, ?) = 'text'`, params: [] };
  if (typeof sample === 'number') return { sql: `json_type(${column}, ?) IN ('integer', 'real')`, params: [] };
  return { sql: `json_type(${column}, ?) = '${sample ? 'true' : 'false'}'`, params: [] };
}

/** One filter condition on an attribute inside the JSON column `column`; never NULL (so NOT works). */
function filterItemSql(column: string, item: ConditionItem): SqlFragment {
  const path = `$.${item.property}`;
  const extract = `json_extract(${column}, ?)`;
  const values = item.values;
  const typed = (sample: string | number | boolean, predicate: string, params: unknown[]): SqlFragment => {
    const test = typeTest(column, sample);
    return { sql: `(${test.sql} AND ${predicate})`, params: [path, ...params] };
  };
  const single = (): unknown => {
    if (values.length !== 1) valueCountError(item, 1);
    return values[0];
  };
  let fragment: SqlFragment;
  switch (item.condition) {
    case 'EXISTS':
      fragment = { sql: `json_type(${column}, ?) IS NOT NULL`, params: [path] };
      break;
    case 'NOT_EXISTS':
      fragment = { sql: `json_type(${column}, ?) IS NULL`, params: [path] };
      break;
    case 'EQUAL_TO':
    case 'NOT_EQUAL_TO': {
      const value = scalarOf(single(), item.condition);
      const equal = typeof value === 'boolean' ? typed(value, '1', []) : typed(value, `${extract} = ?`, [path, value]);
      fragment = item.condition === 'EQUAL_TO' ? equal : { sql: `NOT COALESCE(${equal.sql}, 0)`, params: equal.params };
      break;
    }
    case 'GREATER_THAN':
    case 'GREATER_THAN_EQUAL_TO':
    case 'LESS_THAN':
    case 'LESS_THAN_EQUAL_TO': {
      const value = orderable(single(), item.condition);
      fragment = typed(value, `${extract} ${COMPARATORS[item.condition] ?? '='} ?`, [path, value]);
      break;
    }
    case 'BETWEEN': {
      if (values.length !== 2) valueCountError(item, 2);
      const low = orderable(values[0], item.condition);
      const high = orderable(values[1], item.condition);
      if (typeof low !== typeof high) {
        throw badRequest('INVALID_FILTER_VALUES', 'The BETWEEN condition needs two values of the same type.');
      }
      fragment = typed(low, `${extract} BETWEEN ? AND ?`, [path, low, high]);
      break;
    }
    case 'BEGINS_WITH': {
      const prefix = String(orderable(single(), item.condition));
      fragment = typed(prefix, `substr(${extract}, 1, length(?)) = ?`, [path, prefix, prefix]);
      break;
    }
    case 'CONTAINS':
    case 'NOT_CONTAINS': {
      const value = scalarOf(single(), item.condition);
      // Like DynamoDB's contains(): a substring of a string attribute, or an element of a list attribute.
      const elementType =
        typeof value === 'string'
          ? `j.type = 'text'`
          : typeof value === 'number'
            ? `j.type IN ('integer', 'real')`
            : `j.type = '${value ? 'true' : 'false'}'`;
      const elementMatch = typeof value === 'boolean' ? elementType : `${elementType} AND j.value = ?`;
      const elementParams = typeof value === 'boolean' ? [] : [value];
      const substring =
        typeof value === 'string'
          ? { sql: `(json_type(${column}, ?) = 'text' AND instr(${extract}, ?) > 0) OR `, params: [path, path, value] }
          : { sql: '', params: [] };
      const contains: SqlFragment = {
        sql:
          `(${substring.sql}(json_type(${column}, ?) = 'array' AND ` +
          `EXISTS (SELECT 1 FROM json_each(${column}, ?) AS j WHERE ${elementMatch})))`,
        params: [...substring.params, path, path, ...elementParams],
      };
      fragment =
        item.condition === 'CONTAINS' ? contains : { sql: `NOT COALESCE(${contains.sql}, 0)`, params: contains.params };
      break;
    }
    default:
      throw badRequest('INVALID_FILTER_CONDITION', `The condition '${item.condition}' is not supported for filters.`);
  }
  return { sql: `COALESCE(${fragment.sql}, 0)`, params: fragment.params };
}

/**
 * Builds the SQL for `filters` (`{ and: [...] }` or `{ or: [...] }`) on the entity JSON in `column`.
 * Also used for transaction conditions, so queries and transactions share one meaning of each condition.
 */
export function filtersSql(column: string, filters: Filters, entity: EntityDefinition): SqlFragment {
  const { and, or } = filters;
  if (and && or) {
    throw badRequest(
      'INVALID_FILTER_OPERATORS_COMBINATION',
      'Filter operators "and" and "or" cannot be present at the same level.',
    );
  }
  const items = and ?? or;
  if (!items || items.length === 0) {
    throw badRequest('EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  }
  const fragments = items.map((item) => {
    if (!(item.property in entity.attributes)) {
      throw badRequest(
        'INVALID_ENTITY_ATTRIBUTE',
        `Filter property '${item.property}' is not an attribute of entity '${entity.name}'.`,
        { attribute: item.property },
      );
    }
    if (!FILTER_CONDITIONS.has(item.condition)) {
      throw badRequest('INVALID_FILTER_CONDITION', `The condition '${item.condition}' is not supported for filters.`);
    }
    return filterItemSql(column, item);
  });
  return {
    sql: `(${fragments.map((fragment) => fragment.sql).join(and ? ' AND ' : ' OR ')})`,
    params: fragments.flatMap((fragment) => fragment.params),
  };
}

/** The value an index stores for an attribute value, or `undefined` when the item is left out of the index. */
export function indexValueOf(value: unknown): Scalar | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

function rangeOperand(value: unknown, type: EntityAttributeType | 'key', condition: string): Scalar {
  const scalar = scalarOf(value, condition);
  const ok =
    type === 'any' ||
    (type === 'key' || type === 'string'
      ? typeof scalar === 'string'
      : type === 'boolean'
        ? typeof scalar === 'boolean'
        : typeof scalar === 'number');
  if (!ok) {
    throw badRequest(
      'INVALID_FILTER_VALUES',
      `The ${condition} condition on a ${type === 'key' ? 'key' : type} range got ${JSON.stringify(value)}.`,
    );
  }
  const indexed = indexValueOf(scalar);
  if (indexed === undefined)
    throw badRequest('INVALID_FILTER_VALUES', `Unsupported range value ${JSON.stringify(value)}.`);
  return indexed;
}

/**
 * Builds the SQL for an index `where` (range) condition on `column`, written so SQLite can seek the index.
 * @param type the range attribute's type, or `'key'` for the implicit `by-key` index
 */
export function rangeSql(
  column: string,
  range: { condition: string; values: unknown[] },
  type: EntityAttributeType | 'key',
): SqlFragment {
  if (!RANGE_CONDITIONS.has(range.condition)) {
    throw badRequest('INVALID_FILTER_CONDITION', `The condition '${range.condition}' is not supported in where.`);
  }
  const single = (): Scalar => {
    if (range.values.length !== 1) valueCountError(range, 1);
    return rangeOperand(range.values[0], type, range.condition);
  };
  switch (range.condition) {
    case 'EQUAL_TO':
      return { sql: `${column} = ?`, params: [single()] };
    case 'BETWEEN': {
      if (range.values.length !== 2) valueCountError(range, 2);
      const low = rangeOperand(range.values[0], type, range.condition);
      const high = rangeOperand(range.values[1], type, range.condition);
      return { sql: `${column} >= ? AND ${column} <= ?`, params: [low, high] };
    }
    case 'BEGINS_WITH': {
      const prefix = single();
      if (typeof prefix !== 'string') {
        throw badRequest('INVALID_FILTER_VALUES', 'The BEGINS_WITH condition needs a string range attribute.');
      }
      return prefixSql(column, prefix);
    }
    default:
      return { sql: `${column} ${COMPARATORS[range.condition] ?? '='} ?`, params: [single()] };
  }
}

/** Index-friendly prefix match on a TEXT column. */
export function prefixSql(column: string, prefix: string): SqlFragment {
  return {
    sql: `${column} >= ? AND ${column} < ? AND substr(${column}, 1, length(?)) = ?`,
    params: [prefix, prefix + PREFIX_UPPER_BOUND_SUFFIX, prefix, prefix],
  };
}
