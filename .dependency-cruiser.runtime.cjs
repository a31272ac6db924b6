/** What runs: type-only imports vanish from the bundle, so they do not count here. */
module.exports = {
  extends: './.dependency-cruiser.cjs',
  forbidden: [
    {
      name: 'panel-frame-never-reaches-the-database',
      comment:
        'The in-page panel runs partitioned inside another site: it must not open Binôme’s database (it talks to the background instead).',
      severity: 'error',
      from: { path: '^entrypoints/ask-panel/' },
      to: { path: '^lib/db/db\\.ts$', reachable: true },
    },
  ],
  options: { tsPreCompilationDeps: false },
};
