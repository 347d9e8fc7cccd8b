// Integration and e2e tests start processes and talk to real brokers: give them room (per-test limits still apply).
jest.setTimeout(Number(process.env.MPP_TEST_TIMEOUT_MS ?? 120_000));
