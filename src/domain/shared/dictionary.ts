/**
 * Plain objects used as dictionaries keyed by ids that users or Jira choose (department ids, account ids,
 * status names). A bare `dict[id]` would find `Object.prototype`'s members for ids such as `constructor` or
 * `__proto__` (a department `constructor` got `Object` as its calendar), and `dict[id] = v` with `__proto__`
 * would replace the object's prototype. These two helpers only ever see the dictionary's own entries.
 */

/** The entry stored under `key` itself, never one inherited from `Object.prototype`. */
export function own<V>(dict: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return dict !== undefined && Object.hasOwn(dict, key) ? dict[key] : undefined;
}

/** Stores `value` under `key` as an own entry, also for `__proto__`. */
export function setOwn<V>(dict: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(dict, key, { value, writable: true, enumerable: true, configurable: true });
}
