import { PUBLIC_EVENTS } from '../messaging/event-map';
import { eventsTopic, requestsTopic, SERVICES, type ServiceName } from '../messaging/topics';
import { EVENT_PAYLOADS, MESSAGE_SCHEMAS } from './message-schemas.generated';

type Json = Record<string, unknown>;

const CLOUDEVENTS_JSON = 'application/cloudevents+json';
/** Each gateway instance's own reply topic (KafkaRequestBus). */
const REPLIES = 'gateway.replies';
const KAFKA_BINDING = '0.5.0';

const ref = (pointer: string) => ({ $ref: `#/${pointer}` });
const string = (description: string) => ({ type: 'string', description });
const kafkaKey = (description: string) => ({ kafka: { key: string(description), bindingVersion: KAFKA_BINDING } });

/** What a consumer of a topic should know beyond its messages. */
const TOPIC_NOTES: Partial<Record<ServiceName, string>> = {
  ordering: "Order events published before schema version 2 carry the order as it was after the event (OrderEventV1); upcastOrderEvent reads them as version 2.",
};

/** "ordering.OrderPlaced" → "Order placed". */
const titleOf = (type: string) => {
  const words = type.slice(type.indexOf('.') + 1).replace(/([a-z])([A-Z])/g, '$1 $2');
  return words[0] + words.slice(1).toLowerCase();
};

// KafkaPublisher sends each envelope in CloudEvents' structured mode (the whole envelope is the value) and copies
// its id and type into headers, so a consumer can route or deduplicate without parsing the value.
function eventMessage(type: string): Json {
  const payload = EVENT_PAYLOADS[type];
  if (!payload) throw new Error(`${type} has no payload schema: add it to EventMap (libs/contracts/src/messaging/event-map.ts) and run \`npm run generate:asyncapi\``);
  return {
    name: type,
    title: titleOf(type),
    summary: payload.description,
    contentType: CLOUDEVENTS_JSON,
    headers: {
      type: 'object',
      required: ['ce_id', 'ce_type', 'content-type'],
      properties: {
        'ce_id': string("The envelope's id: the event id, which consumers deduplicate on."),
        'ce_type': { ...string("The envelope's type."), const: type },
        'content-type': { ...string('The value is the whole envelope as JSON (CloudEvents structured mode).'), const: CLOUDEVENTS_JSON },
        'traceparent': string("The W3C trace context of the event's append, when it was traced; the same as the envelope's."),
      },
    },
    payload: { allOf: [ref('components/schemas/EventEnvelope'), { type: 'object', properties: { type: { const: type }, data: { $ref: payload.$ref } } }] },
    bindings: kafkaKey("The envelope's subject: the id of the event's stream, e.g. `Order-<orderId>` or `MiniProgram-<miniProgramId>`, so one stream's events stay in order on one partition."),
  };
}

const requestMessage = {
  name: 'Request',
  title: 'Request',
  summary: 'A command or query: `type` names it (`<service>.<Verb>`, e.g. ordering.ConfirmOrder); RequestMap gives its payload and reply.',
  contentType: 'application/json',
  correlationId: { location: '$message.header#/request-id' },
  headers: {
    type: 'object',
    required: ['request-id', 'reply-to', 'deadline'],
    properties: {
      'request-id': string('A new UUID per request; the reply carries it back.'),
      'reply-to': string("The sending gateway instance's reply topic."),
      'deadline': string('Epoch milliseconds after which the sender has given up; the service drops the request then.'),
      'traceparent': string("The W3C trace context of the sender's span, when it was traced."),
    },
  },
  payload: ref('components/schemas/RequestMessage'),
  bindings: kafkaKey('The request id.'),
};

const replyMessage = {
  name: 'Reply',
  title: 'Reply',
  summary: 'The result of a request, or why it was refused.',
  contentType: 'application/json',
  correlationId: { location: '$message.header#/request-id' },
  headers: { type: 'object', required: ['request-id'], properties: { 'request-id': string("The request's id.") } },
  payload: ref('components/schemas/Reply'),
  bindings: kafkaKey('The request id.'),
};

/** The AsyncAPI 3 document of our Kafka topics, built from the contracts (served at GET /docs/asyncapi.json). */
export function buildAsyncApiDocument(version: string): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = { Request: requestMessage, Reply: replyMessage };

  for (const [service, types] of Object.entries(PUBLIC_EVENTS) as [ServiceName, readonly string[]][]) {
    const topic = eventsTopic(service);
    for (const type of types) messages[type] = eventMessage(type);
    channels[topic] = {
      address: topic,
      title: `${service} events`,
      description: [`The public events of ${service}, published at least once; consumers deduplicate on the event id.`, TOPIC_NOTES[service]].filter(Boolean).join(' '),
      messages: Object.fromEntries(types.map((type) => [type, ref(`components/messages/${type}`)])),
    };
    operations[`${service}.publishEvents`] = {
      action: 'send',
      channel: ref(`channels/${topic}`),
      summary: `${service} publishes its public events (relayed from its event store).`,
      messages: types.map((type) => ref(`channels/${topic}/messages/${type}`)),
    };
  }

  channels[REPLIES] = {
    address: `${REPLIES}.{instanceId}`,
    title: 'gateway replies',
    description: 'One topic per gateway instance, where services answer its requests.',
    parameters: { instanceId: { description: "The gateway instance's id, characters other than letters, digits, '.', '_' and '-' replaced by '-'." } },
    messages: { Reply: ref('components/messages/Reply') },
  };
  for (const service of SERVICES) {
    const topic = requestsTopic(service);
    channels[topic] = { address: topic, title: `${service} requests`, description: `The commands and queries ${service} answers.`, messages: { Request: ref('components/messages/Request') } };
    operations[`${service}.request`] = {
      action: 'send',
      channel: ref(`channels/${topic}`),
      summary: `The gateway sends ${service} a command or query and waits for the reply.`,
      messages: [ref(`channels/${topic}/messages/Request`)],
      reply: { address: { location: '$message.header#/reply-to' }, channel: ref(`channels/${REPLIES}`), messages: [ref(`channels/${REPLIES}/messages/Reply`)] },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Mini Program Platform events',
      version,
      description: "The Kafka topics between the platform's services: each service's public events, as CloudEvents, and the gateway's requests.",
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { schemas: MESSAGE_SCHEMAS, messages },
  };
}
