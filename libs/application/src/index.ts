// What a bounded context gives the host and receives from it: its definition and the DI tokens of its infrastructure.
// The contexts depend on this, never on @mpp/runtime (the host that runs them in standalone and in the cluster).
export * from './service.tokens';
export * from './service-definition';
