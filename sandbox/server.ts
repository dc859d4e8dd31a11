import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { build } from 'esbuild';
import type { Platform } from './platform';
import { REPO_ROOT } from './platform';
import { uiModules } from './runtime/manifest';
import type { ExtensionContext } from './runtime/forge-host';
import { themeCss } from './theme';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const AVATAR_COLOURS = ['#0055cc', '#216e4e', '#ae2e24', '#5e4db2', '#a54800', '#206a83', '#943d73'];
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" rx="3" fill="#1d7afc"/></svg>';

/** Jira's avatar URLs, drawn by the sandbox: initials on a colour picked from the id. */
async function avatarSvg(platform: Platform, kind: 'user' | 'project', id: string): Promise<string> {
  const path =
    kind === 'user'
      ? `/rest/api/3/user?accountId=${encodeURIComponent(id)}`
      : `/rest/api/3/project/${encodeURIComponent(id)}`;
  const r = await platform.jira.handle({ method: 'GET', path, actor: { kind: 'app' } });
  const body = r.status === 200 ? (JSON.parse(r.body) as { displayName?: string; key?: string }) : {};
  const name = kind === 'user' ? (body.displayName ?? '?') : (body.key ?? '?');
  const initials = (kind === 'user' ? ([...name][0] ?? '?') : name.slice(0, 2)).toUpperCase().replace(/[<>&"]/g, '');
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const fill = AVATAR_COLOURS[h % AVATAR_COLOURS.length]!;
  const shape = kind === 'user' ? '<circle cx="24" cy="24" r="24"' : '<rect width="48" height="48" rx="6"';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">${shape} fill="${fill}"/><text x="24" y="31" font-family="sans-serif" font-size="20" font-weight="600" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
}

/** A manifest title as Jira's English UI shows it: a literal, or its key in locales/en-US.json. */
function englishTitle(title: string | { i18n: string }): string {
  if (typeof title === 'string') return title;
  const strings = JSON.parse(readFileSync(join(REPO_ROOT, 'locales', 'en-US.json'), 'utf8')) as Record<string, unknown>;
  const value = title.i18n
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), strings);
  return typeof value === 'string' ? value : title.i18n;
}

/** One Custom UI iframe: which module, for whom, where. The host's answer to `view.getContext()`. */
interface Frame {
  ctx: ExtensionContext;
  theme: 'light' | 'dark';
}

async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('payload too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json; charset=utf-8',
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}
const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value));

/**
 * The sandbox's web server: a Jira-like shell, the app's built Custom UI resources in iframes with the
 * Forge bridge provided by the host page, the Jira REST API for the shell, web trigger URLs and a few
 * sandbox controls (clock, invocations, notifications).
 */
export function createSandboxServer(platform: Platform): Server {
  const frames = new Map<string, Frame>();
  const compiled = new Map<string, string>();
  const modules = uiModules(platform.manifest);

  async function script(entry: string): Promise<string> {
    const cached = compiled.get(entry);
    if (cached && process.env.SANDBOX_DEV !== '1') return cached;
    const out = await build({
      entryPoints: [join(REPO_ROOT, 'sandbox', 'shell', entry)],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    compiled.set(entry, code);
    return code;
  }

  function userOf(req: IncomingMessage): string {
    const id = String(req.headers['x-sandbox-user'] ?? '');
    if (!platform.users.some((u) => u.accountId === id))
      throw Object.assign(new Error(`unknown sandbox user '${id}'`), { status: 400 });
    return id;
  }

  async function serveResource(res: ServerResponse, resourceKey: string, rest: string) {
    const resource = platform.manifest.resources.find((r) => r.key === resourceKey);
    if (!resource) return send(res, 404, 'no such resource', 'text/plain');
    const root = join(REPO_ROOT, resource.path);
    const file = normalize(join(root, rest || 'index.html'));
    if (!file.startsWith(root + sep) && file !== root) return send(res, 403, 'forbidden', 'text/plain');
    if (!existsSync(file)) {
      const hint = existsSync(root) ? '' : ' (run `npm run build:ui` first)';
      return send(res, 404, `not found: ${resource.path}/${rest}${hint}`, 'text/plain');
    }
    let content: Buffer | string = await readFile(file);
    if (extname(file) === '.html') {
      // Forge's host page provides the bridge before the app's code runs; so does the sandbox.
      content = content.toString('utf8').replace(/<head>/i, '<head><script src="/__sandbox/bridge.js"></script>');
    }
    send(res, 200, content, MIME[extname(file)] ?? 'application/octet-stream');
  }

  async function bridge(res: ServerResponse, frameId: string, body: string) {
    const frame = frames.get(frameId);
    if (!frame) return sendJson(res, 404, { error: 'unknown frame; reload the page' });
    const { name, payload } = JSON.parse(body) as { name: string; payload?: Record<string, unknown> };
    const { ctx } = frame;
    switch (name) {
      case 'getContext':
        return sendJson(res, 200, {
          result: {
            accountId: ctx.accountId,
            cloudId: 'sandbox',
            localId: `sandbox/${ctx.moduleKey}`,
            locale: ctx.locale,
            timezone: ctx.timezone,
            moduleKey: ctx.moduleKey,
            siteUrl: platform.siteUrl,
            environmentType: 'DEVELOPMENT',
            theme: { colorMode: frame.theme },
            extension: {
              type: modules.find((m) => m.key === ctx.moduleKey)?.type,
              ...(ctx.issue ? { issue: ctx.issue } : {}),
              ...(ctx.project ? { project: ctx.project } : {}),
            },
          },
        });
      case 'enableTheming':
        return sendJson(res, 200, { result: { colorMode: frame.theme, css: themeCss(frame.theme) } });
      case 'invoke': {
        const fnName = String(payload?.functionKey ?? '');
        const { result, record } = await platform.host.invokeResolver(ctx, fnName, payload?.payload ?? {});
        return sendJson(res, 200, { result, invocation: record });
      }
      case 'fetchProduct': {
        const p = payload as { restPath: string; fetchRequestInit?: { method?: string; body?: string } };
        const r = await platform.jira.handle({
          method: p.fetchRequestInit?.method ?? 'GET',
          path: p.restPath,
          ...(p.fetchRequestInit?.body ? { body: p.fetchRequestInit.body } : {}),
          actor: { kind: 'user', accountId: ctx.accountId },
        });
        return sendJson(res, 200, {
          result: { body: r.body, headers: r.headers, status: r.status, statusText: String(r.status) },
        });
      }
      default:
        return sendJson(res, 400, { error: `the sandbox bridge does not support '${name}'` });
    }
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
    const body = req.method === 'GET' ? '' : await readBody(req);
    if (path === 'session' && req.method === 'GET') {
      return sendJson(res, 200, {
        users: platform.users,
        now: platform.clock.now(),
        productionConditions: platform.conditions ? { seed: platform.conditions.seed } : null,
        modules: modules.map((m) => ({
          key: m.key,
          type: m.type,
          ...('pages' in m ? { pages: m.pages.map((pg) => ({ route: pg.route, title: englishTitle(pg.title) })) } : {}),
        })),
        webtriggers: platform.manifest.modules.webtrigger.map((w) => ({
          key: w.key,
          url: `${platform.siteUrl}/x/${w.key}`,
        })),
      });
    }
    if (path === 'frames' && req.method === 'POST') {
      const p = JSON.parse(body) as {
        moduleKey: string;
        issueKey?: string;
        projectKey?: string;
        route?: string;
        locale?: string;
        theme?: 'light' | 'dark';
        timezone?: string;
      };
      const accountId = userOf(req);
      if (!modules.some((m) => m.key === p.moduleKey))
        return sendJson(res, 400, { error: `no UI module '${p.moduleKey}'` });
      const ctx: ExtensionContext = {
        moduleKey: p.moduleKey,
        accountId,
        locale: p.locale ?? 'en_US',
        timezone: p.timezone ?? 'Asia/Shanghai',
      };
      if (p.issueKey) {
        const r = await platform.jira.handle({
          method: 'GET',
          path: `/rest/api/3/issue/${encodeURIComponent(p.issueKey)}?fields=project,issuetype`,
          actor: { kind: 'app' },
        });
        if (r.status !== 200) return sendJson(res, 404, { error: `no issue ${p.issueKey}` });
        const issue = JSON.parse(r.body) as {
          id: string;
          key: string;
          fields: { project: { id: string; key: string }; issuetype?: { name: string } };
        };
        ctx.issue = { id: issue.id, key: issue.key, type: issue.fields.issuetype?.name ?? 'Task' };
        ctx.project = { id: issue.fields.project.id, key: issue.fields.project.key };
      } else if (p.projectKey) {
        const r = await platform.jira.handle({
          method: 'GET',
          path: `/rest/api/3/project/${encodeURIComponent(p.projectKey)}`,
          actor: { kind: 'app' },
        });
        if (r.status !== 200) return sendJson(res, 404, { error: `no project ${p.projectKey}` });
        const project = JSON.parse(r.body) as { id: string; key: string };
        ctx.project = { id: project.id, key: project.key };
      }
      const id = randomUUID();
      frames.set(id, { ctx, theme: p.theme === 'dark' ? 'dark' : 'light' });
      const mod = modules.find((m) => m.key === p.moduleKey)!;
      // A module with `pages` (project settings) opens at a route; the frame's history starts there (bridge.ts).
      const route = p.route ? `&route=${encodeURIComponent(p.route)}` : '';
      return sendJson(res, 200, { frameId: id, src: `/app/${mod.resource}/index.html?frame=${id}${route}` });
    }
    if (path === 'clock/advance' && req.method === 'POST') {
      const { hours } = JSON.parse(body) as { hours: number };
      if (!(typeof hours === 'number' && hours > 0 && hours <= 24 * 366))
        return sendJson(res, 400, { error: 'hours must be a number from 0 to 8784' });
      const runs = await platform.advance(hours * 3_600_000);
      return sendJson(res, 200, { now: platform.clock.now(), scheduledRuns: runs });
    }
    const automation = /^automation\/([a-z0-9-]+)$/.exec(path);
    if (automation && req.method === 'POST') {
      // A Jira Automation rule's THEN step running the app's action, as the user chosen in the shell.
      const inputs = JSON.parse(body || '{}') as Record<string, unknown>;
      const result = await platform.host.runAutomationAction(automation[1]!, inputs, userOf(req));
      await platform.settleNow();
      return sendJson(res, 200, { result });
    }
    if (path === 'invocations' && req.method === 'GET') {
      const n = Number(url.searchParams.get('limit') ?? 50);
      return sendJson(res, 200, platform.host.invocations.slice(-n).reverse());
    }
    if (path === 'notifications' && req.method === 'GET') return sendJson(res, 200, platform.jira.listNotifications());
    if (path === 'settle' && req.method === 'POST') {
      await platform.settle();
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: `no sandbox API ${req.method} ${path}` });
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', platform.siteUrl);
    const path = url.pathname;
    void (async () => {
      if (path === '/' || path === '/index.html')
        return send(res, 200, await readFile(join(REPO_ROOT, 'sandbox', 'shell', 'index.html')), MIME['.html']);
      if (path === '/shell.js') return send(res, 200, await script('shell.ts'), MIME['.js']);
      if (path === '/shell.css')
        return send(res, 200, await readFile(join(REPO_ROOT, 'sandbox', 'shell', 'shell.css')), MIME['.css']);
      if (path === '/__sandbox/bridge.js') return send(res, 200, await script('bridge.ts'), MIME['.js']);
      if (path.startsWith('/__sandbox/theme/'))
        return send(res, 200, themeCss(path.endsWith('dark.css') ? 'dark' : 'light'), MIME['.css']);
      if (path.startsWith('/__sandbox/bridge/') && req.method === 'POST')
        return bridge(res, path.slice('/__sandbox/bridge/'.length), await readBody(req));
      if (path.startsWith('/__sandbox/api/')) return api(req, res, path.slice('/__sandbox/api/'.length), url);
      if (path.startsWith('/__sandbox/jira/')) {
        // The shell is Jira's own UI: it calls REST as the user chosen in the user switcher.
        const accountId = userOf(req);
        const r = await platform.jira.handle({
          method: req.method ?? 'GET',
          path: path.slice('/__sandbox/jira'.length) + url.search,
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: await readBody(req) }),
          actor: { kind: 'user', accountId },
        });
        await platform.settleNow();
        return send(res, r.status, r.body, 'application/json; charset=utf-8', r.headers);
      }
      const avatar = /^\/sandbox\/avatar\/(user|project)\/([^/]+)\.svg$/.exec(path);
      if (avatar)
        return send(
          res,
          200,
          await avatarSvg(platform, avatar[1] as 'user' | 'project', decodeURIComponent(avatar[2]!)),
          MIME['.svg'],
          { 'cache-control': 'max-age=3600' },
        );
      if (path.startsWith('/rest/api/2/universal_avatar/'))
        return send(res, 200, ICON_SVG, MIME['.svg'], { 'cache-control': 'max-age=3600' });
      const app = /^\/app\/([^/]+)\/(.*)$/.exec(path);
      if (app) return serveResource(res, app[1]!, app[2]!);
      const hook = /^\/x\/([^/]+)$/.exec(path);
      if (hook) {
        const body = await readBody(req, 1024 * 1024);
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')]),
        );
        const out = await platform.host.callWebTrigger(hook[1]!, {
          method: req.method ?? 'GET',
          path,
          headers,
          body,
          query: url.searchParams,
        });
        await platform.settleNow();
        const h = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k, v.join(', ')]));
        return send(res, out.statusCode, out.body, h['Content-Type'] ?? h['content-type'] ?? 'text/plain', h);
      }
      send(res, 404, 'not found', 'text/plain');
    })().catch((e: unknown) => {
      const status = (e as { status?: number }).status ?? 500;
      if (status === 500) console.error('[sandbox]', e);
      if (!res.headersSent) sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
    });
  });
}
