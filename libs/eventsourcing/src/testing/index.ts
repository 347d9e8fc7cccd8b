// Test-only helpers of libs/eventsourcing (`@mpp/eventsourcing/testing`): never part of the build in dist/.
export * from './decider-specification';
export * from './batch-equivalence';
