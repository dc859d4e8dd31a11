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
