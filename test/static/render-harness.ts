/**
 * Visual check of the built UIs, outside Forge: serves `static/<app>/build` on 127.0.0.1, injects a fake
 * Forge host (`window.__bridge`) in front of the bundle, and screenshots each surface in light and dark,
 * English and Chinese, with full, empty, error and loading data.
 *
 *   npm run build:ui && npx tsx test/static/render-harness.ts [outDir]   (default /tmp/ui-shots)
 *
 * Not a test: the screenshots are for people to look at. The fake host answers the bridge calls the app makes:
 * `getContext`, `enableTheming` (the token CSS from @atlaskit/tokens, as Forge injects it) and `invoke`.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { IssuePanelView, ProjectOverview } from '@contract';
import { EMPTY_ISSUE_PANEL, EMPTY_PROJECT_OVERVIEW, ISSUE_PANEL, PROJECT_OVERVIEW } from './fixtures';

const ROOT = join(__dirname, '../..');
const OUT = process.argv[2] ?? '/tmp/ui-shots';
const require = createRequire(__filename);

export type App = 'issue-panel' | 'project-page';
type Fixture = 'full' | 'empty' | 'error' | 'loading';
export interface Scenario {
  app: App;
  locale: 'en-US' | 'zh-CN';
  mode: 'light' | 'dark';
  fixture: Fixture;
  width: number;
  /** Tab presses before the shot, to see the focus ring. */
  tabs?: number;
}

/** The CSS Forge injects on `enableTheming`: each theme artifact's default export is a CSS string. */
export function themeCss(): string {
  const artifact = (name: string) =>
    (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`) as { default: string }).default;
  return ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape']
    .map(artifact)
    .join('\n');
}

function data(app: App, fixture: Fixture): IssuePanelView | ProjectOverview {
  if (app === 'issue-panel') return fixture === 'empty' ? EMPTY_ISSUE_PANEL : ISSUE_PANEL;
  return fixture === 'empty' ? EMPTY_PROJECT_OVERVIEW : PROJECT_OVERVIEW;
}

/** The fake host, as a script that runs before the bundle. */
function hostScript(s: Scenario, css: string): string {
  const context = {
    locale: s.locale,
    timezone: 'Asia/Shanghai',
    accountId: 'u-li',
    siteUrl: 'https://example.atlassian.net',
    moduleKey: s.app === 'issue-panel' ? 'collab-issue-panel' : 'collab-project-page',
    extension:
      s.app === 'issue-panel'
        ? { type: 'jira:issuePanel', issue: { key: 'PAY-1', id: '10001' }, project: { key: 'PAY' } }
        : { type: 'jira:projectPage', project: { key: 'PAY', id: '10000' } },
  };
  const envelope =
    s.fixture === 'error'
      ? {
          ok: false,
          error: {
            code: 'FORBIDDEN',
            message:
              s.locale === 'zh-CN' ? '您没有查看此工作项的权限。' : 'You do not have permission to see this issue.',
          },
        }
      : { ok: true, data: data(s.app, s.fixture) };
  return `
window.__bridge = {
  callBridge: async (name, payload) => {
    window.__bridgeCalls = (window.__bridgeCalls || []).concat([name]);
    switch (name) {
      case 'getContext': return ${JSON.stringify(context)};
      case 'enableTheming': {
        const html = document.documentElement;
        html.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
        html.setAttribute('data-color-mode', ${JSON.stringify(s.mode)});
        const style = document.createElement('style');
        style.dataset.theme = 'forge';
        style.textContent = ${JSON.stringify(css)};
        document.head.appendChild(style);
        return undefined;
      }
      case 'invoke': ${s.fixture === 'loading' ? 'return new Promise(() => {});' : `return ${JSON.stringify(envelope)};`}
      default: return undefined;
    }
  },
};`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function serve(css: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const [, app, ...rest] = url.pathname.split('/');
    if (app !== 'issue-panel' && app !== 'project-page') return void res.writeHead(404).end();
    const build = join(ROOT, 'static', app, 'build');
    const file = normalize(join(build, rest.join('/') || 'index.html'));
    if (!file.startsWith(build) || !existsSync(file)) return void res.writeHead(404).end();
    let body: string | Buffer = readFileSync(file);
    if (file.endsWith('index.html')) {
      const scenario = JSON.parse(url.searchParams.get('s') ?? '{}') as Scenario;
      // Before the bundle: @forge/bridge looks for the host when its module is evaluated.
      body = body.toString('utf8').replace('<head>', `<head><script>${hostScript(scenario, css)}</script>`);
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    }),
  );
}

async function shoot(browser: Browser, origin: string, s: Scenario): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: s.width, height: 400 }, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${origin}/${s.app}/?s=${encodeURIComponent(JSON.stringify(s))}`);
  if (s.fixture === 'loading') await page.waitForSelector('[role=status]');
  else await page.waitForSelector(s.fixture === 'error' ? '[role=alert]' : 'h2');
  // The spinner fades in after a delay, so a loading shot waits longer.
  await page.waitForTimeout(s.fixture === 'loading' ? 1500 : 300);
  for (let i = 0; i < (s.tabs ?? 0); i++) await page.keyboard.press('Tab');
  // One resolver call per load, and only after the theme and the context are in.
  const calls = (await page.evaluate('window.__bridgeCalls')) as string[];
  if (calls.filter((c) => c === 'invoke').length !== 1 || calls.indexOf('invoke') < calls.indexOf('enableTheming')) {
    problems.push(`unexpected bridge calls: ${calls.join(', ')}`);
  }
  const name = `${s.app}-${s.fixture}-${s.locale}-${s.mode}-${s.width}${s.tabs ? `-tab${s.tabs}` : ''}.png`;
  await page.screenshot({ path: join(OUT, name), fullPage: true });
  await page.close();
  return problems.map((p) => `${name}: ${p}`);
}

async function main(): Promise<void> {
  for (const app of ['issue-panel', 'project-page']) {
    if (!existsSync(join(ROOT, 'static', app, 'build', 'index.html'))) {
      throw new Error(`static/${app}/build is missing: run npm run build:ui first`);
    }
  }
  mkdirSync(OUT, { recursive: true });
  const { server, origin } = await serve(themeCss());
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const scenarios: Scenario[] = [];
  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const mode of ['light', 'dark'] as const) {
      scenarios.push({ app: 'issue-panel', locale, mode, fixture: 'full', width: 360 });
      scenarios.push({ app: 'project-page', locale, mode, fixture: 'full', width: 1100 });
    }
    scenarios.push({ app: 'issue-panel', locale, mode: 'light', fixture: 'full', width: 600 });
    scenarios.push({ app: 'issue-panel', locale, mode: 'dark', fixture: 'empty', width: 360 });
    scenarios.push({ app: 'issue-panel', locale, mode: 'light', fixture: 'error', width: 360 });
    scenarios.push({ app: 'project-page', locale, mode: 'dark', fixture: 'empty', width: 1100 });
  }
  scenarios.push({ app: 'issue-panel', locale: 'en-US', mode: 'dark', fixture: 'loading', width: 360 });
  scenarios.push({ app: 'issue-panel', locale: 'en-US', mode: 'light', fixture: 'full', width: 360, tabs: 2 });
  scenarios.push({ app: 'issue-panel', locale: 'en-US', mode: 'dark', fixture: 'error', width: 360, tabs: 1 });
  const problems: string[] = [];
  try {
    for (const s of scenarios) problems.push(...(await shoot(browser, origin, s)));
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${scenarios.length} screenshots in ${OUT}`);
  if (problems.length) {
    console.log(problems.join('\n'));
    process.exitCode = 1;
  }
}

// Runs only as a script, so a one-off inspection can reuse serve() and the fake host.
if (require.main === module) void main();
