import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../sandbox/platform';

/**
 * `npm start` as a newcomer runs it: the URL is the last line it prints, and one SIGTERM to the npm process
 * stops everything under it and frees the port. `--no-build` serves the builds `npm test` made, so this test
 * does not rebuild the apps under the browser tests' feet.
 */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function portIsFree(port: number): Promise<boolean> {
  const s = createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const data = mkdtempSync(join(tmpdir(), 'sandbox-start-'));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  rmSync(data, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints the URL last, and one SIGTERM to npm stops the whole process group and frees the port', async () => {
    const port = await freePort();
    // Its own process group, so "everything it started" can be checked by group id.
    child = spawn('npm', ['start', '--', '--no-build', '--port', String(port), '--data', data], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid!;
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    const url = `http://127.0.0.1:${port}/`;

    const deadline = Date.now() + 90_000;
    while (!out.includes(`\n${url}\n`) && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 200));
    expect(out, err).toContain(`\n${url}\n`);
    expect(out.trimEnd().split('\n').at(-1)).toBe(url);
    expect((await fetch(url)).status).toBe(200);

    process.kill(pid, 'SIGTERM');
    expect(await exited).toBe(0);
    const gone = Date.now() + 10_000;
    while (groupAlive(pid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
    expect(groupAlive(pid)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
  }, 120_000);
});
