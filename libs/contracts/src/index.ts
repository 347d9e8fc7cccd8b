export * from './messaging/envelope';
export * from './messaging/topics';
export * from './messaging/request';
export * from './platform-notices/platform-notice.contracts';
