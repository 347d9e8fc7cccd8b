export * from './bad-values';
export * from './bad-requests';
export * from './findings';
export * from './openapi-operations';
export * from './readable-state';
export * from './request-builder';
export * from './seeded-world';
export * from './standalone-process';
