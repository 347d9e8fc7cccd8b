export * from './messaging/envelope';
export * from './messaging/topics';
export * from './messaging/request';
export * from './platform-notices/platform-notice.contracts';
export * from './identity/identity.requests';
export * from './identity/identity.events';
export * from './identity/workspaces.requests';
export * from './identity/workspaces.events';
