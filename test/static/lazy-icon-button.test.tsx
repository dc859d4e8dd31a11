import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type { ReactElement } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';

/** Server-renders once everything lazy has loaded (React 18 streams Suspense boundaries; this waits for all). */
function renderAll(element: ReactElement): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = '';
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => (html += chunk.toString()));
    out.on('end', () => resolve(html));
    const stream = renderToPipeableStream(element, { onAllReady: () => stream.pipe(out), onError: reject });
  });
}

/** Suspense leaves comment markers around what it streamed; the markup inside is what a user gets. */
const withoutMarkers = (html: string) => html.replace(/<!--\/?\$-->/g, '');

beforeAll(() => {
  // Atlaskit's CommonJS build requires its extracted `.compiled.css`; Node cannot load CSS, and styles do not matter here.
  const cjs = createRequire(import.meta.url) as NodeJS.Require & {
    extensions: Record<string, (m: { exports: unknown }) => void>;
  };
  cjs.extensions['.css'] = (cssModule) => {
    cssModule.exports = {};
  };
});

describe('lazy IconButton (what @atlaskit/section-message gets in the UI bundles)', () => {
  it('renders the same button as the real IconButton once loaded', async () => {
    const { default: IconButton } = await import('@atlaskit/button/icon/button');
    const { default: CrossIcon } = await import('@atlaskit/icon/core/cross');
    const { default: LazyIconButton } = await import('../../static/shared/lazy-icon-button');
    const props = {
      label: 'Dismiss',
      icon: CrossIcon,
      appearance: 'subtle',
      spacing: 'compact',
      testId: 'm--dismiss-button',
    } as const;
    const real = await renderAll(<IconButton {...props} />);
    const lazy = await renderAll(<LazyIconButton {...props} />);
    expect(real).toMatch(/^<button [^>]*data-testid="m--dismiss-button".*>Dismiss<\/span><\/span><\/button>$/);
    expect(withoutMarkers(lazy)).toBe(real);
  });
});
