import { afterAll, beforeAll, describe } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createPlatform, REPO_ROOT, type Platform } from '../../sandbox/platform';
import { createSandboxServer } from '../../sandbox/server';
import { TEST_START } from './clock';

/**
 * One harness for the Chromium tests: a fresh in-memory sandbox on a free port, Debian's Chromium, and `open`
 * for a shell page as a given user, locale and theme. Each suite skips with the reason when the browser or a
 * Custom UI build it needs is missing. The sandbox's clock starts at TEST_START. Screenshots go to test-results/e2e.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(REPO_ROOT, 'test-results', 'e2e');

export type ShellPage = Page & { errors: string[] };
export interface OpenOptions {
  user?: string;
  locale?: 'en_US' | 'zh_CN';
  theme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}
export interface E2eContext {
  platform: Platform;
  base: string;
  browser: Browser;
  /** Opens `base/hash` in a new browser context; `page.errors` collects uncaught page errors and strings a surface lacks. */
  open(hash: string, opts?: OpenOptions): Promise<ShellPage>;
  shot(page: Page, name: string): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * `describe` for a Chromium suite. `apps` are the Custom UI apps the suite opens (their builds must exist);
 * `defaultUser` is who the shell acts as unless `open` says otherwise.
 */
export function describeInChromium(
  title: string,
  opts: { apps: readonly string[]; defaultUser: string },
  body: (ctx: E2eContext) => void,
): void {
  const missing = [
    ...(existsSync(CHROMIUM) ? [] : [`no browser at ${CHROMIUM}; apt-get install -y chromium`]),
    ...opts.apps
      .filter((a) => !existsSync(join(REPO_ROOT, 'static', a, 'build', 'index.html')))
      .map((a) => `no build of ${a}; npm run build:ui`),
  ];
  describe.skipIf(missing.length > 0)(missing.length ? `${title} (skipped: ${missing.join(', ')})` : title, () => {
    let server: Server | undefined;
    const ctx = {} as E2eContext;

    beforeAll(async () => {
      const port = await freePort();
      ctx.base = `http://127.0.0.1:${port}`;
      ctx.platform = await createPlatform({ dataDir: null, siteUrl: ctx.base, startAt: TEST_START });
      server = createSandboxServer(ctx.platform);
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
      ctx.browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      mkdirSync(SHOTS, { recursive: true });
    });

    afterAll(async () => {
      await ctx.browser?.close();
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      ctx.platform?.close();
    });

    ctx.open = async (hash, o = {}) => {
      const browserContext = await ctx.browser.newContext({ viewport: o.viewport ?? { width: 1400, height: 1000 } });
      await browserContext.addInitScript(
        ([u, l, t]) => {
          localStorage.setItem('sbx.user', u!);
          localStorage.setItem('sbx.locale', l!);
          localStorage.setItem('sbx.theme', t!);
        },
        [o.user ?? opts.defaultUser, o.locale ?? 'en_US', o.theme ?? 'light'],
      );
      const page = (await browserContext.newPage()) as ShellPage;
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(e.message));
      // A key missing from a surface's strings shows as the key and is logged (static/shared/i18n.ts), not thrown.
      page.on('console', (m) => {
        if (m.type() === 'error' && m.text().startsWith('i18n:')) page.errors.push(m.text());
      });
      await page.goto(`${ctx.base}/${hash}`);
      return page;
    };
    ctx.shot = async (page, name) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    };

    body(ctx);
  });
}
