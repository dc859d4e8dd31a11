/** Layer rules of docs/architecture.md, enforced by `npm run lint:layers` (part of `npm test`). */
module.exports = {
  forbidden: [
    {
      name: 'app-never-imports-sandbox',
      comment: 'What forge deploy ships (src/, static/) must not know the sandbox exists.',
      severity: 'error',
      from: { path: '^(src|static)/' },
      to: { path: '^sandbox/' },
    },
    {
      name: 'forge-sdk-only-in-adapters',
      comment: 'Only src/adapters/forge talks to @forge/api and @forge/kvs.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/forge/' },
      to: { path: 'node_modules/@forge/(api|kvs)/' },
    },
    {
      name: 'static-only-imports-contract-from-src',
      comment: 'The UI shares only the contract with the backend.',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '^src/', pathNot: '^src/contract/' },
    },
    {
      name: 'bridge-only-in-static-shared',
      comment: 'Every @forge/bridge call goes through static/shared.',
      severity: 'error',
      from: { path: '^static/', pathNot: '^static/shared/' },
      to: { path: 'node_modules/@forge/bridge/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'The domain has no I/O: no SDKs, no adapters, no use cases, no Node built-ins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(app|adapters|entry)/|node_modules/)', pathNot: '^src/contract/' },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-is-leaf',
      comment: 'The contract is imported by both sides, so it depends on nothing of theirs.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^(src/(app|adapters|entry|domain)/|static/|sandbox/)' },
    },
    {
      name: 'app-does-not-import-adapters-or-entry',
      comment: 'Use cases see ports, never the Forge adapters or the glue.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(adapters|entry)/' },
    },
    // Feature folders (docs/architecture.md, README "Architecture"). In src/app a feature (raci, dependencies,
    // escalations, project, directory) imports only the kernel, the domain and the contract; the kernel imports
    // no feature; surfaces/ (composed reads) and triggers/ (events, the sweep) may import features, since
    // composing them is their job, and nothing imports them but entry/.
    {
      name: 'app-feature-imports-only-kernel',
      comment: 'A feature reaches another feature only through src/app/kernel.',
      severity: 'error',
      from: { path: '^src/app/(raci|dependencies|escalations|project|directory)/' },
      to: { path: '^src/app/', pathNot: ['^src/app/kernel/', '^src/app/$1/'] },
    },
    {
      name: 'app-kernel-imports-no-feature',
      comment: 'The kernel is what the features share, so it knows none of them.',
      severity: 'error',
      from: { path: '^src/app/kernel/' },
      to: { path: '^src/app/', pathNot: '^src/app/kernel/' },
    },
    {
      name: 'app-surfaces-and-triggers-only-from-entry',
      comment: 'Surfaces and triggers compose features; features and the kernel never call back into them.',
      severity: 'error',
      from: { path: '^src/app/(kernel|raci|dependencies|escalations|project|directory)/' },
      to: { path: '^src/app/(surfaces|triggers)/' },
    },
    // In src/domain a feature folder imports only its own files and domain/shared (calendars); domain/rollup
    // composes the features' contributions and may import them; shared imports no feature.
    {
      name: 'domain-feature-imports-only-shared',
      comment: 'Domain feature folders do not import each other; what they share lives in domain/shared.',
      severity: 'error',
      from: { path: '^src/domain/(raci|dependencies|escalations|project|directory)/' },
      to: { path: '^src/domain/', pathNot: ['^src/domain/shared/', '^src/domain/$1/'] },
    },
    {
      name: 'domain-shared-imports-no-feature',
      severity: 'error',
      from: { path: '^src/domain/shared/' },
      to: { path: '^src/domain/', pathNot: '^src/domain/shared/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '(^|/)build/' },
  },
};
