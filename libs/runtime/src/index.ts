export * from './service.tokens';
export * from './service-definition';
export * from './service-host';
export * from './service-config';
export * from './cluster-service';
export * from './health-server';
export * from './process-lifecycle';
