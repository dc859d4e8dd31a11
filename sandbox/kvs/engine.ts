import type { Database } from 'better-sqlite3';
import { batchDelete, batchGet, batchSet } from './batch';
import { queryEntities } from './entity-query';
import { badRequest, KvsError } from './errors';
import { deleteItem, getItem, queryKeys, setItem } from './key-ops';
import { entityScope, ItemStore, type EntityModel } from './item-store';
import { resolveIndexes, validateEntityDefinitions, type EntityDefinition } from './manifest-entities';
import { MAX_PAYLOAD_BYTES } from './limits';
import { parseBody } from './request-checks';
import { entityTarget, KVS_TARGET, SECRET_TARGET, type KvsContext } from './targets';
import { transact } from './transaction';
import { deleteRequest, entityDeleteRequest, entityGetRequest, entitySetRequest, getRequest, setRequest } from './wire';
import { errorResponse, type KvsResponse } from './wire-response';

export type { EntityDefinition } from './manifest-entities';
export type { KvsResponse } from './wire-response';

/** Engine options beyond the constructor's required arguments. */
export interface KvsEngineOptions {
  /** Clock in epoch milliseconds, for TTLs and metadata; lets the sandbox clock move time forward. */
  now?: () => number;
  /**
   * Production conditions: how long an expired item stays readable (0 by default), the transaction and batch
   * payload cap (4 MB by default), and the read path queries take, which may lag behind writes (by default they
   * read the current state). Functions, so a sandbox can turn them on after seeding.
   */
  expiredReadableMs?: () => number;
  maxPayloadBytes?: () => number;
  queryView?: { read<T>(read: () => T): T };
}

/**
 * The Forge Key-Value Store and Custom Entity Store on SQLite, speaking the wire protocol of `@forge/kvs` 1.6.5
 * (`POST /api/v1/...` with a JSON body; errors as `{ code, message, context? }` with an HTTP status).
 * Tables are prefixed `kvs_` and created if missing, so the engine shares a database file and survives restarts.
 */
export class KvsEngine {
  /** Calls to {@link handle}, in total and per path: the figure that costs a network round trip on Forge. */
  readonly stats: { ops: number; byPath: Record<string, number> } = {
    ops: 0,
    // No prototype: paths come from callers, and one named `__proto__` must count like any other.
    byPath: Object.create(null) as Record<string, number>,
  };

  private readonly routes: Record<string, (body: unknown, raw: string) => KvsResponse>;

  /**
   * @param db an open better-sqlite3 database; the engine creates its `kvs_*` tables in it if missing
   * @param entities the custom entities of `manifest.yml` (see `loadEntityDefinitions`)
   * @param options optional clock
   * @throws Error when an entity definition breaks the manifest rules
   */
  constructor(db: Database, entities: EntityDefinition[], options: KvsEngineOptions = {}) {
    validateEntityDefinitions(entities);
    const models = new Map<string, EntityModel>(
      entities.map((entity) => [
        entity.name,
        { definition: entity, indexes: resolveIndexes(entity), scope: entityScope(entity.name) },
      ]),
    );
    const kvs: KvsContext = {
      store: new ItemStore(db),
      now: options.now ?? Date.now,
      definitions: new Map(entities.map((entity) => [entity.name, entity])),
      models,
      expiredReadableMs: options.expiredReadableMs ?? (() => 0),
      maxPayloadBytes: options.maxPayloadBytes ?? (() => MAX_PAYLOAD_BYTES),
    };
    const lagged = options.queryView ?? { read: <T>(read: () => T): T => read() };
    kvs.store.purgeExpired(kvs.now() - kvs.expiredReadableMs());
    for (const model of models.values()) kvs.store.ensureIndexed(model);
    this.routes = {
      '/api/v1/get': (body) => getItem(kvs, KVS_TARGET, parseBody(getRequest, body)),
      '/api/v1/set': (body) => setItem(kvs, KVS_TARGET, parseBody(setRequest, body)),
      '/api/v1/delete': (body) => deleteItem(kvs, KVS_TARGET, parseBody(deleteRequest, body)),
      '/api/v1/query': (body) => lagged.read(() => queryKeys(kvs, body)),
      '/api/v1/secret/get': (body) => getItem(kvs, SECRET_TARGET, parseBody(getRequest, body)),
      '/api/v1/secret/set': (body) => setItem(kvs, SECRET_TARGET, parseBody(setRequest, body)),
      '/api/v1/secret/delete': (body) => deleteItem(kvs, SECRET_TARGET, parseBody(deleteRequest, body)),
      '/api/v1/entity/get': (body) => {
        const request = parseBody(entityGetRequest, body);
        return getItem(kvs, entityTarget(kvs, request.entityName), request);
      },
      '/api/v1/entity/set': (body) => {
        const request = parseBody(entitySetRequest, body);
        return setItem(kvs, entityTarget(kvs, request.entityName), request);
      },
      '/api/v1/entity/delete': (body) => {
        const request = parseBody(entityDeleteRequest, body);
        return deleteItem(kvs, entityTarget(kvs, request.entityName), request);
      },
      '/api/v1/entity/query': (body) => lagged.read(() => queryEntities(kvs, body)),
      '/api/v1/batch/set': (body, raw) => batchSet(kvs, body, raw),
      '/api/v1/batch/get': (body, raw) => batchGet(kvs, body, raw),
      '/api/v1/batch/delete': (body, raw) => batchDelete(kvs, body, raw),
      '/api/v1/transaction': (body, raw) => transact(kvs, body, raw),
    };
  }

  /**
   * Answers one request as the Forge KVS service would. Never throws: bad input gets a 4xx JSON error body.
   * @param path the path the client sends, e.g. `/api/v1/set`
   * @param body the raw JSON request body
   */
  handle(path: string, body: string): KvsResponse {
    this.stats.ops += 1;
    this.stats.byPath[path] = (this.stats.byPath[path] ?? 0) + 1;
    try {
      const route = this.routes[path];
      if (!route) throw new KvsError(404, 'NOT_FOUND', `Unknown Forge KVS API path '${path}'.`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw badRequest('BAD_REQUEST', 'Provided request body is invalid: not JSON.');
      }
      return route(parsed, body);
    } catch (error) {
      if (error instanceof KvsError) return errorResponse(error);
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(
        new KvsError(500, 'INTERNAL_SERVER_ERROR', `An internal server error has occurred: ${message}`),
      );
    }
  }

  /** Sets the operation counters back to zero (in place, so references to `stats` stay valid). */
  resetStats(): void {
    this.stats.ops = 0;
    for (const path of Object.keys(this.stats.byPath)) delete this.stats.byPath[path];
  }
}
