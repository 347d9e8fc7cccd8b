export * from './identity.service';
export * from './identity.module';
export * from './platform-notices/platform-notice.decider';
