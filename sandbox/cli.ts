import type { Server } from 'node:http';
import { join } from 'node:path';
import { createPlatform, REPO_ROOT, SandboxDataError, type Platform } from './platform';
import { DEFAULT_SEED } from './runtime/conditions';
import { createSandboxServer } from './server';

const USAGE = `Usage: npm start -- [--port N] [--host H] [--data DIR] [--reset] [--latency] [--no-build]
                    [--production-conditions [--seed N]]
  --port N     port to listen on (default 5173, or $PORT)
  --host H     address to bind (default 127.0.0.1)
  --data DIR   folder that keeps the sandbox's data across restarts (default .sandbox-data)
  --reset      delete the data folder first and seed the demo data again
  --latency    model Forge's remote calls: 20 ms per KVS operation, 150 ms per Jira call
  --no-build   serve the Custom UI builds already in static/*/build instead of building them first
  --production-conditions
               as unkind as Forge and Jira Cloud: events late (up to 3 minutes), out of order and twice,
               failed triggers retried, queries and JQL lagging behind writes, some Jira calls 429 or 503
  --seed N     the random seed of those conditions (default ${DEFAULT_SEED}): the same seed, the same faults`;

/** The options of `npm start`; throws with a message naming the option on bad input. */
export function parseArgs(argv: string[]) {
  const opts = {
    port: Number(process.env.PORT ?? 5173),
    host: '127.0.0.1',
    data: join(REPO_ROOT, '.sandbox-data'),
    reset: false,
    latency: false,
    build: true,
    productionConditions: false,
    seed: null as number | null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') opts.port = Number(value());
    else if (a === '--host') opts.host = value();
    else if (a === '--data') opts.data = value();
    else if (a === '--reset') opts.reset = true;
    else if (a === '--latency') opts.latency = true;
    else if (a === '--no-build') opts.build = false;
    else if (a === '--production-conditions') opts.productionConditions = true;
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option '${a}'`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535`);
  if (opts.seed !== null && !opts.productionConditions) throw new Error('--seed goes with --production-conditions');
  if (opts.seed !== null && !(Number.isInteger(opts.seed) && opts.seed >= 0 && opts.seed <= 0xffffffff))
    throw new Error('--seed must be a whole number from 0 to 4294967295');
  return opts;
}

/** What `npm start` runs before the sandbox opens (scripts/start.mts: the quiet UI build). */
export interface StartHooks {
  beforeServe?: () => Promise<void>;
}

/**
 * Parses the options, runs `beforeServe`, opens the sandbox and prints its URL as the last line. SIGINT or
 * SIGTERM, at any point, closes the server and the data file and ends the process: `npm start` is this one
 * process, so one signal stops everything.
 */
export async function main(argv: string[], hooks: StartHooks = {}): Promise<void> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`sandbox: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  let server: Server | undefined;
  let platform: Platform | undefined;
  const stop = () => {
    server?.close();
    server?.closeAllConnections();
    platform?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (hooks.beforeServe && opts.build) {
    try {
      await hooks.beforeServe();
    } catch (e) {
      console.error(`sandbox: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  }
  const siteUrl = `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${opts.port}`;
  try {
    platform = await createPlatform({
      dataDir: opts.data,
      reset: opts.reset,
      siteUrl,
      ...(opts.latency ? { latency: { kvsMs: 20, jiraMs: 150 } } : {}),
      ...(opts.productionConditions ? { productionConditions: { seed: opts.seed ?? DEFAULT_SEED } } : {}),
    });
  } catch (e) {
    if (!(e instanceof SandboxDataError)) throw e;
    console.error(`sandbox: ${e.message}`);
    process.exit(1);
  }
  const opened = platform;
  server = createSandboxServer(opened);
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE')
      console.error(
        `sandbox: port ${opts.port} on ${opts.host} is already in use. Stop the other process or pick another port: npm start -- --port 5174`,
      );
    else console.error(`sandbox: cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
    opened.close();
    process.exit(1);
  });
  server.listen(opts.port, opts.host, () => {
    console.log(
      `Jira sandbox with the app; data kept in ${opts.data} (npm start -- --reset to start over). Ctrl+C to stop.`,
    );
    if (opts.productionConditions)
      console.log(
        `Production conditions on (seed ${opts.seed ?? DEFAULT_SEED}): events late, out of order and twice; queries lag; Jira answers some calls 429 or 503.`,
      );
    console.log(`${siteUrl}/`);
  });
}

if (require.main === module) void main(process.argv.slice(2));
