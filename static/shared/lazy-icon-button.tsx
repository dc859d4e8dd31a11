import { forwardRef, lazy, Suspense, type ComponentPropsWithoutRef } from 'react';

const IconButton = lazy(() => import('@atlaskit/button/icon/button'));

/**
 * Stands in for `@atlaskit/button/icon/button` where `@atlaskit/section-message` imports it (a resolve rule in
 * vite-app.config.ts); the same button, fetched the first time one is rendered.
 *
 * Why: a section message renders that button only when it is dismissible, which ours are not, yet the static
 * import put Tooltip, Popper and Atlaskit's top layer (~33 KB gzipped) into every surface's first load.
 * test/static/lazy-icon-button.test.tsx checks it renders what the real one does.
 */
const LazyIconButton = forwardRef<HTMLButtonElement, ComponentPropsWithoutRef<typeof IconButton>>(
  function LazyIconButton(props, ref) {
    return (
      <Suspense fallback={null}>
        <IconButton {...props} ref={ref} />
      </Suspense>
    );
  },
);

export default LazyIconButton;
