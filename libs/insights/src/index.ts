export * from './figures/periods';
export * from './figures/usage-figures';
export * from './figures/usage-event-check';
