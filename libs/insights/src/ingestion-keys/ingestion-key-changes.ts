import { randomUUID } from 'node:crypto';
import { IssuedIngestionKey } from '@mpp/contracts';
import { AggregateStore, CommandMetadata } from '@mpp/eventsourcing';
import { ingestionKeyDecider, ingestionKeyHash, ingestionKeyStreamId, newIngestionKey } from './ingestion-key.decider';

// Issuing and revoking a key, written once for the API's handlers and the operator CLI (`npm run ops -- ingestion-keys`).

/** Issues the host app a new key: the key is in the answer only, its hash in the event. */
export async function issueIngestionKey(aggregates: AggregateStore, hostApp: string, metadata: CommandMetadata): Promise<IssuedIngestionKey> {
  // Drawn here, not in the decider: the key must never be in an event (nor in the command log: IssueIngestionKey
  // is not replayable). A response lost on the way is a key to revoke and issue again.
  const keyId = randomUUID();
  const key = newIngestionKey();
  const command = { type: 'IssueIngestionKey' as const, keyId, hostApp, keyHash: ingestionKeyHash(key) };
  await aggregates.handle(ingestionKeyDecider, ingestionKeyStreamId(keyId), command, { metadata, mustBeNew: true });
  return { keyId, hostApp, key };
}

/** Revokes one of the host app's keys (again: no change). */
export async function revokeIngestionKey(aggregates: AggregateStore, hostApp: string, keyId: string, metadata: CommandMetadata): Promise<void> {
  await aggregates.handle(ingestionKeyDecider, ingestionKeyStreamId(keyId), { type: 'RevokeIngestionKey', hostApp }, { metadata });
}
