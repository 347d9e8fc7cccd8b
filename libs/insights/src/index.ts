export * from './figures/periods';
export * from './figures/usage-figures';
export * from './figures/usage-event-check';
export * from './insights.errors';
export * from './ingestion-keys/ingestion-key.decider';
export * from './ingestion-keys/ingestion-keys.projection';
export * from './insights.service';
export * from './ingestion-keys/ingestion-key-changes';
