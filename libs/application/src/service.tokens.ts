/** DI tokens through which a service's Nest module receives its infrastructure. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const AGGREGATE_STORE = Symbol('AGGREGATE_STORE');
export const INBOX = Symbol('INBOX');
export const LOGGER = Symbol('LOGGER');
/** The service's logs by name (ServiceLogs): its store, its inbox and the logs of its own (definition.logs). */
export const SERVICE_LOGS = Symbol('SERVICE_LOGS');
