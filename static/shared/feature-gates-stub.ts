/**
 * Stands in for `@atlaskit/feature-gate-js-client/feature-gates` in the UI bundles (a Vite alias).
 *
 * Why: Atlaskit components ask it for platform feature gates, but inside a Forge iframe nobody initialises
 * the client, so the real one answers every gate `false` and every experiment with its default, after
 * shipping ~35 KB gzipped of Statsig. This stub gives the same answers without the weight;
 * test/static/feature-gates-stub.test.ts checks it against the real, uninitialised client.
 */
const FeatureGates = {
  checkGate: (_gateName: string, _options?: unknown): boolean => false,
  getExperimentValue: <T>(_experiment: string, _parameter: string, defaultValue: T, _options?: unknown): T =>
    defaultValue,
  getLayerValue: <T>(_layer: string, _parameter: string, defaultValue: T, _options?: unknown): T => defaultValue,
  isGateExists: (_gateName: string): boolean => false,
  isExperimentExists: (_experiment: string): boolean => false,
  initializeCalled: (): boolean => false,
  initializeCompleted: (): boolean => false,
};

export default FeatureGates;
