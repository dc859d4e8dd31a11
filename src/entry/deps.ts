import type { Deps, Logger } from '../app/kernel/ports';
import { createKvsStore } from '../adapters/forge/kvs-store';
import { createJiraClient } from '../adapters/forge/jira';
import { createWorkQueue } from '../adapters/forge/queue';

const log: Logger = {
  info: (message, data) => console.info(message, data ?? {}),
  warn: (message, data) => console.warn(message, data ?? {}),
  error: (message, data) => console.error(message, data ?? {}),
};

let shared: Deps | null = null;

/** The composition root: real adapters, created once per warm function instance. */
export function productionDeps(): Deps {
  shared ??= {
    store: createKvsStore(),
    jira: createJiraClient(),
    clock: { now: () => Date.now() },
    log,
    queue: createWorkQueue(),
  };
  return shared;
}
