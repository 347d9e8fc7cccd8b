import { envelopeProblem, EventEnvelope } from '@mpp/contracts';
import { DEAD_LETTERS_SCHEMA, DeadLetter, ensureSchema, listDeadLetters, resolveDeadLetter, StoredEvent } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { ServiceDefinition } from '@mpp/application';
import { ServiceStorage } from './service-storage';

export async function deadLettersOf(storage: ServiceStorage, status: 'PARKED' | 'RESOLVED' | 'ALL' = 'PARKED'): Promise<DeadLetter[]> {
  await ensureSchema(storage.sql, DEAD_LETTERS_SCHEMA);
  return listDeadLetters(storage.sql, status);
}

/**
 * Handles a parked letter again: a projection's event is applied to that projection; a malformed Kafka
 * message is read again and, if it is now a valid envelope, received into the inbox. Resolved on success,
 * left parked (with the reason thrown) otherwise.
 */
export async function retryDeadLetter(definition: ServiceDefinition, storage: ServiceStorage, id: number): Promise<string> {
  const letter = (await deadLettersOf(storage, 'ALL')).find((l) => l.id === id);
  if (!letter) throw AppError.notFound('DEAD_LETTER_NOT_FOUND', `${definition.name} has no dead letter ${id}`);
  if (letter.status === 'RESOLVED') throw AppError.rule('DEAD_LETTER_RESOLVED', `dead letter ${id} is resolved already`);

  if (letter.consumer.startsWith('projection:')) {
    const name = letter.consumer.slice('projection:'.length);
    const projection = definition.projections.find((p) => p.name === name);
    if (!projection) throw AppError.notFound('PROJECTION_NOT_FOUND', `${definition.name} has no projection "${name}"`);
    await storage.sql.transaction(async (tx) => {
      await projection.apply(tx, letter.payload as StoredEvent, (t) => t);
      await resolveDeadLetter(tx, id);
    });
    return `applied ${letter.eventType} ${letter.eventId} to ${name}`;
  }

  const raw = (letter.payload as { value?: string }).value ?? '';
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw AppError.rule('DEAD_LETTER_STILL_MALFORMED', 'the message is still not JSON');
  }
  const problem = envelopeProblem(value);
  if (problem) throw AppError.rule('DEAD_LETTER_STILL_MALFORMED', `the message is still malformed: ${problem}`);
  await storage.sql.transaction(async (tx) => {
    await storage.inbox.receive([value as EventEnvelope], tx);
    await resolveDeadLetter(tx, id);
  });
  return `received ${(value as EventEnvelope).type} into the inbox`;
}
