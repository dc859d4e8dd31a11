import { main } from '../sandbox/cli';
import { buildUi } from './build-ui.mjs';

// `npm start`: one process that builds the Custom UI apps (a line each), then serves the sandbox and prints its
// URL last. Run as `node --import tsx`, so no npm → sh → tsx chain is left behind when the process is signalled.
await main(process.argv.slice(2), { beforeServe: () => buildUi() });
