import type { EventEnvelope } from '../messaging/envelope';
import type { EventMap } from '../messaging/event-map';
import type { Reply, RequestMessage } from '../messaging/request';

/**
 * What goes on our Kafka topics, as the root type tools/generate-asyncapi-schemas.mjs makes JSON Schemas of (the
 * generator takes no generic type as a root, so this names the envelope, request and reply in their plain form).
 */
export interface KafkaMessages {
  events: EventMap;
  envelope: EventEnvelope;
  request: RequestMessage;
  reply: Reply;
}
