// Three tiers, selectable with --selectProjects: unit (*.spec.ts), integration (*.int.spec.ts), e2e (*.e2e.spec.ts).

const swc = '<rootDir>/tools/jest-swc-transformer.cjs';

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc,
    // jose 6 ships only ES modules; jest's CommonJS runtime cannot require them before Node 24.9.
    '/node_modules/jose/.+\\.js$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // The store drivers a process loads only when configured (PGlite, EventStoreDB), then a lib's test-only entry
  // point (`@mpp/eventsourcing/testing`), then its main one.
  moduleNameMapper: {
    '^@mpp/eventsourcing/pglite$': '<rootDir>/libs/eventsourcing/src/sql/pglite/index.ts',
    '^@mpp/eventsourcing/pglite-prestart$': '<rootDir>/libs/eventsourcing/src/sql/pglite/pglite-prestart.ts',
    '^@mpp/runtime/standalone-data$': '<rootDir>/libs/runtime/src/standalone-data.ts',
    '^@mpp/eventsourcing/eventstoredb$': '<rootDir>/libs/eventsourcing/src/event-store/eventstoredb-event-store.ts',
    '^@mpp/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@mpp/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools', '<rootDir>/observability'],
};

module.exports = {
  reporters: ['default', '<rootDir>/tools/jest-totals-reporter.cjs'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      // `npm test` runs this tier niced beside the e2e suites: on a busy 2-core machine the first request to a route
      // spec's gateway app has taken over jest's default 5 s (integrations-routes.spec.ts, CI of 2026-11-28).
      testTimeout: 20_000,
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$', '/node_modules/', '/dist/'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts'],
      // EventStoreDB's contract run needs a server; it runs wherever EVENTSTORE_URL points at one.
      testPathIgnorePatterns: ['/node_modules/', '/dist/', ...(process.env.EVENTSTORE_URL ? [] : ['eventstoredb-event-store\\.int\\.spec\\.ts$'])],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-timeouts.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-timeouts.ts'],
    },
  ],
};
