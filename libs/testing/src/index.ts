export * from './test-database';
export * from './test-infrastructure';
export * from './api-client';
export * from './free-port';
export * from './run-node';
export * from './service-databases';
export * from './journeys/platform-notice.journey';
export * from './journeys/account.journey';
