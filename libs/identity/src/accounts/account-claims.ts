import { EventStore, WrongExpectedVersionError } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { randomUUID } from 'node:crypto';
import { digest, normalizeEmail, normalizeUsername } from '../credentials/identifiers';
import { accountStreamId } from './account.decider';

export const CLAIMED = 'identity.AccountIdentifierClaimed';
type Kind = 'email' | 'username';

const streamOf = (kind: Kind, value: string) =>
  kind === 'email' ? `AccountEmail-${digest(normalizeEmail(value))}` : `AccountUsername-${digest(normalizeUsername(value))}`;

/**
 * Email and username are unique, case-insensitively: each is claimed by appending to a stream named after
 * it that must not exist yet (the event store's optimistic concurrency is the lock). The same streams answer
 * "which account has this login".
 */
export class AccountClaims {
  constructor(private readonly store: EventStore) {}

  /** The account holding this login, if that account exists (a claim whose sign-up failed holds nothing). */
  async find(kind: Kind, value: string): Promise<string | undefined> {
    const claim = await this.lastClaim(kind, value);
    return claim && (await this.accountExists(claim.accountId)) ? claim.accountId : undefined;
  }

  private async lastClaim(kind: Kind, value: string): Promise<{ accountId: string; at: number } | undefined> {
    const [last] = await this.store.readStream(streamOf(kind, value), { direction: 'backward', limit: 1 });
    return last ? { accountId: last.data.accountId as string, at: Date.parse(last.metadata.occurredAt) } : undefined;
  }

  private async accountExists(accountId: string): Promise<boolean> {
    return (await this.store.readStream(accountStreamId(accountId), { limit: 1 })).length > 0;
  }

  /** Claims it for the account, or refuses with EMAIL_TAKEN / USERNAME_TAKEN. A claim whose account never came to be is taken over. */
  async claim(kind: Kind, value: string, accountId: string, correlationId: string): Promise<void> {
    const stream = streamOf(kind, value);
    const event = { eventId: randomUUID(), type: CLAIMED, data: { kind, accountId }, metadata: { correlationId, occurredAt: new Date().toISOString() } };
    try {
      await this.store.append(stream, [event], { expectedVersion: 'no_stream' });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const holder = await this.lastClaim(kind, value);
      // A claim is left alone while its sign-up may still be finishing; one that never became an account is taken over.
      if (!holder || (await this.accountExists(holder.accountId)) || Date.now() - holder.at < STALE_CLAIM_MS) throw taken(kind);
      // Left by a sign-up that failed after claiming: take it over, still guarded by the version.
      await this.store.append(stream, [event], { expectedVersion: error.actual }).catch((again) => {
        throw again instanceof WrongExpectedVersionError ? taken(kind) : again;
      });
    }
  }
}

const STALE_CLAIM_MS = 60_000;

const taken = (kind: Kind) =>
  AppError.conflict(kind === 'email' ? 'EMAIL_TAKEN' : 'USERNAME_TAKEN', `this ${kind} is taken`);
