/**
 * The architecture rules of docs/architecture.md, checked on every `npm test` (npm run lint:deps).
 * Type-only imports count here (a cycle of types is still a knot); what the in-page panel's
 * frame loads at run time is checked by .dependency-cruiser.runtime.cjs.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'A cycle makes load order matter and two modules impossible to understand apart: move the shared piece into a module of its own.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'relay-imports-only-the-protocol',
      comment:
        'The relay shares only the wire contract with the extension (lib/protocol/); anything else would drag browser code into the server.',
      severity: 'error',
      from: { path: '^relay/' },
      to: { path: '^(lib|components|entrypoints)/', pathNot: '^lib/protocol/' },
    },
    {
      name: 'lib-does-not-import-ui',
      comment: 'lib/ is the domain: it is used by the UI, never the other way round.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'components-do-not-import-entrypoints',
      comment: 'Shared components serve every entrypoint; an entrypoint is wired by its own folder only.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^(wxt|#imports|virtual:)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: '.dependency-cruiser.tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
