import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { KvsEngine } from '../../sandbox/kvs/engine';
import type { EntityDefinition } from '../../sandbox/kvs/manifest-entities';

/** The real `@forge/kvs` client, imported once the Forge runtime globals point it at the engine. */
export type ForgeKvs = typeof import('@forge/kvs');

export interface Task {
  project: string;
  status: string;
  priority: number;
  score?: number;
  done?: boolean;
  title?: string;
  tags?: unknown;
}

export const ENTITIES: EntityDefinition[] = [
  {
    name: 'task',
    attributes: {
      project: { type: 'string' },
      status: { type: 'string' },
      priority: { type: 'integer' },
      score: { type: 'float' },
      done: { type: 'boolean' },
      title: { type: 'string' },
      tags: { type: 'any' },
    },
    indexes: [
      'priority',
      { name: 'by-project-priority', partition: ['project'], range: ['priority'] },
      { name: 'by-project-status', partition: ['project'], range: ['status'] },
    ],
  },
  { name: 'counter', attributes: { count: { type: 'integer' }, owner: { type: 'string' } }, indexes: [] },
];

/** Where each test's sandbox clock starts. */
export const START_CLOCK = Date.UTC(2026, 0, 5, 9, 0, 0);

let currentEngine: () => KvsEngine = () => {
  throw new Error('no KVS engine: call loadForgeKvs first');
};
let forge: ForgeKvs | undefined;

export function newMemoryEngine(now: () => number, entities: EntityDefinition[] = ENTITIES): KvsEngine {
  return new KvsEngine(new Database(':memory:'), entities, { now });
}

/**
 * Points the Forge runtime at the engine `current` returns at each call, then imports the real client.
 * `fetchTargets` collects the target of every call the client makes.
 */
export async function loadForgeKvs(current: () => KvsEngine, fetchTargets: unknown[] = []): Promise<ForgeKvs> {
  currentEngine = current;
  // @forge/kvs picks its fetch client when imported, so the runtime globals must exist before the import.
  Object.assign(globalThis, {
    __forge_runtime__: {
      proxy: { token: 'sandbox-token' },
      kvs: { url: 'http://kvs.sandbox.invalid', host: 'kvs.sandbox.invalid' },
      tracing: { traceId: 'trace-1', spanId: 'span-1' },
    },
    __forge_fetch__: async (target: unknown, path: string, init: { body: string }) => {
      fetchTargets.push(target);
      const response = currentEngine().handle(path, init.body);
      return new Response(response.body || null, {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  forge = await import('@forge/kvs');
  return forge;
}

export function unloadForgeKvs(): void {
  Reflect.deleteProperty(globalThis, '__forge_fetch__');
  Reflect.deleteProperty(globalThis, '__forge_runtime__');
}

/** Raw call to the current engine, for checking what is stored without going through the client. */
export function raw(path: string, body: unknown): { status: number; json: unknown } {
  const response = currentEngine().handle(path, JSON.stringify(body));
  return { status: response.status, json: response.body ? JSON.parse(response.body) : undefined };
}

/** Expects the client call to fail with a ForgeKvsAPIError carrying `code` and HTTP `status`. */
export async function expectApiError(promise: Promise<unknown>, code: string, status: number): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(forge?.ForgeKvsAPIError);
  expect(error).toMatchObject({ code, responseDetails: { status } });
}
