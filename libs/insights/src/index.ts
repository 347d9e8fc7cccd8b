export * from './figures/periods';
export * from './figures/usage-figures';
export * from './figures/usage-event-check';
export * from './insights.errors';
export * from './ingestion-keys/ingestion-key.decider';
