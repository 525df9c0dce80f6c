/**
 * The import-graph rules of Accord (run by `npm run lint`, and by .ci/run before the tests):
 * no import cycles; the pure core (model, text, analysis, ingest) never imports the store, the
 * server, the CLI or the services; the services never import the faces (server, CLI); the browser
 * code imports from src/ only the shared model (schemas, vocabulary types) and the pure core's types.
 * Tests and test support may import what they test.
 */
const TESTS = '(\\.test\\.ts$|^test/)';
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules must not import each other in a circle (a circle closed only by type imports, erased at build time, is not one)',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'pure-core',
      severity: 'error',
      comment: 'model, text, analysis and ingest are pure: no store, server, CLI or services',
      from: { path: '^src/(model|text|analysis|ingest)/', pathNot: TESTS },
      to: { path: '^src/(store|server|cli|services|report)/' },
    },
    {
      name: 'services-not-faces',
      severity: 'error',
      comment: 'services are called by the faces, never the other way round',
      from: { path: '^src/services/', pathNot: TESTS },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'store-not-faces',
      severity: 'error',
      comment: 'the store knows nothing of the services and faces above it',
      from: { path: '^src/store/', pathNot: TESTS },
      to: { path: '^src/(server|cli|services)/' },
    },
    {
      name: 'web-no-server',
      severity: 'error',
      comment: 'the browser code talks to the server over HTTP only; it may import the shared model and the generated API types',
      from: { path: '^web/src/' },
      to: { path: '^src/(server|store|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
