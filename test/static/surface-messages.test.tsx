import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { CATALOGUES, PANEL_MESSAGES, surfaceMessages, type SurfaceMessages } from '../../static/shared/messages';
import * as dependencies from '../../static/shared/messages/dependencies';
import * as escalations from '../../static/shared/messages/escalations';
import { MESSAGES as ISSUE_PANEL } from '../../static/issue-panel/src/messages';
import { MESSAGES as PROJECT_PAGE } from '../../static/project-page/src/messages';
import { MESSAGES as ADMIN_PAGE } from '../../static/admin-page/src/messages';
import { MESSAGES as PROJECT_SETTINGS } from '../../static/project-settings/src/messages';
import { MESSAGES as COLLAB_PAGE } from '../../static/collab-page/src/messages';
import { ISSUE_PANEL as PANEL_VIEW, PROJECT_OVERVIEW } from './fixtures';

/**
 * Each surface ships only some of the UI's strings (static/<app>/src/messages.ts). Types cannot tell which
 * surface a shared component or a feature's file ends up in, so this reads the code instead: every key that any
 * file of an app, or any static/shared module it imports, can ask for must be among the strings the app ships.
 */
const STATIC = join(__dirname, '../../static');
const SURFACES = {
  'issue-panel': ISSUE_PANEL,
  'project-page': PROJECT_PAGE,
  'admin-page': ADMIN_PAGE,
  'project-settings': PROJECT_SETTINGS,
  'collab-page': COLLAB_PAGE,
};
const ALL_KEYS = Object.keys(CATALOGUES.en);

// Where the keys are defined or assembled, not asked for.
const DEFINES_KEYS = /static\/(shared\/(messages(\.ts|\/)|i18n\.ts|translator\.ts)|[^/]+\/src\/messages\.ts)/;

const sourceFile = (file: string) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

function visit(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  ts.forEachChild(node, (child) => visit(child, fn));
}

/** Relative modules a file imports, statically or with `import()`, as files. */
function importsOf(file: string): string[] {
  const specifiers: string[] = [];
  visit(sourceFile(file), (n) => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    ) {
      specifiers.push(n.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      specifiers.push(n.arguments[0].text);
    }
  });
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s))
    .flatMap((base) =>
      [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].filter(existsSync).slice(0, 1),
    );
}

/** Every .ts/.tsx file of the app (each is part of it, however it is loaded) and the static/shared modules they import. */
function appFiles(app: string): string[] {
  const own = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? own(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const files = new Set(own(join(STATIC, app, 'src')));
  for (const file of files) for (const imported of importsOf(file)) files.add(imported);
  return [...files].filter((f) => !DEFINES_KEYS.test(relative(join(STATIC, '..'), f)));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The keys a file can ask for: string literals that are keys (or plural bases: `x` for `x.one`/`x.other`), and
 * every key a template such as `escalations.event.${kind}` can make (any text where the template interpolates).
 */
function keysAskedFor(file: string): Set<string> {
  const asked = new Set<string>();
  const matching = (pattern: string) => {
    const re = new RegExp(`^${pattern}(\\.(one|other))?$`);
    for (const key of ALL_KEYS) if (re.test(key)) asked.add(key);
  };
  visit(sourceFile(file), (n) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) matching(escapeRegExp(n.text));
    // A template is a key only if it starts like one ("feature.area."), not e.g. `${id}-title`.
    else if (ts.isTemplateExpression(n) && n.head.text.includes('.')) {
      matching(
        escapeRegExp(n.head.text) + n.templateSpans.map((span) => `.+${escapeRegExp(span.literal.text)}`).join(''),
      );
    }
  });
  return asked;
}

function missing(app: string, shipped: SurfaceMessages): string[] {
  const missingKeys = new Set<string>();
  for (const file of appFiles(app)) {
    for (const key of keysAskedFor(file))
      if (!(key in shipped.en) || !(key in shipped.zh)) missingKeys.add(`${key} (${relative(STATIC, file)})`);
  }
  return [...missingKeys].sort();
}

describe('the strings each surface ships', () => {
  it.each(Object.entries(SURFACES))('%s ships every key its code asks for', (app, shipped) => {
    expect(missing(app, shipped)).toEqual([]);
  });

  it('would notice a surface that leaves out a part it renders', () => {
    const withoutRaci = surfaceMessages(PANEL_MESSAGES, dependencies, escalations);
    const gaps = missing('issue-panel', withoutRaci);
    // Asked for by the panel's RACI section, and by the template dialog, which is loaded only when opened.
    expect(gaps).toContain('raci.edit (issue-panel/src/raci/RaciSection.tsx)');
    expect(gaps).toContain('raci.template.title (issue-panel/src/raci/TemplateDialog.tsx)');
  });

  it('leaves out what a surface does not show', () => {
    expect(ISSUE_PANEL.en).not.toHaveProperty(['page.subtitle']);
    expect(ISSUE_PANEL.en).not.toHaveProperty(['project.nav.overview']);
    expect(ISSUE_PANEL.en).not.toHaveProperty(['admin.title']);
    expect(PROJECT_SETTINGS.zh).not.toHaveProperty(['panel.title']);
  });

  it('renders the issue panel and the project page from their own strings alone', async () => {
    // Atlaskit's CommonJS build requires its extracted `.compiled.css`; Node cannot load CSS, and styles do not matter here.
    const cjs = createRequire(import.meta.url) as NodeJS.Require & {
      extensions: Record<string, (m: { exports: unknown }) => void>;
    };
    cjs.extensions['.css'] = (cssModule) => {
      cssModule.exports = {};
    };
    (globalThis as { __bridge?: unknown }).__bridge = { callBridge: async () => undefined };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { createI18n, I18nProvider } = await import('../../static/shared/i18n');
    const { IssuePanel } = await import('../../static/issue-panel/src/IssuePanel');
    const { ProjectPage } = await import('../../static/project-page/src/ProjectPage');
    const never = () => new Promise<never>(() => undefined);
    for (const locale of ['en', 'zh'] as const) {
      const intl = locale === 'zh' ? 'zh-CN' : 'en-US';
      const panel = renderToStaticMarkup(
        <I18nProvider value={createI18n(locale, intl, 'Asia/Shanghai', ISSUE_PANEL)}>
          <IssuePanel view={PANEL_VIEW} siteUrl={null} client={{ call: never }} onReload={() => undefined} />
        </I18nProvider>,
      );
      const page = renderToStaticMarkup(
        <I18nProvider value={createI18n(locale, intl, 'Asia/Shanghai', PROJECT_PAGE)}>
          <ProjectPage overview={PROJECT_OVERVIEW} client={{ call: never }} refresh={() => undefined} />
        </I18nProvider>,
      );
      expect(panel).toContain(ISSUE_PANEL[locale]['panel.raci.heading']);
      expect(page).toContain(PROJECT_PAGE[locale]['page.subtitle']);
    }
    expect(errors.mock.calls.filter(([message]) => String(message).startsWith('i18n:'))).toEqual([]);
    vi.restoreAllMocks();
  });
});
