/** The bounded contexts; each is one service with its own store and its own topics. */
export const SERVICES = ['identity', 'catalog', 'ordering', 'miniprograms', 'insights', 'integrations'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The topic a context publishes its events on. */
export const eventsTopic = (service: ServiceName) => `${service}.events`;
/** The topic a context receives requests (commands and queries) on. */
export const requestsTopic = (service: ServiceName) => `${service}.requests`;
/** Where a consumer group parks messages it cannot read. */
export const deadLetterTopic = (topic: string) => `${topic}.dlq`;
