import { HOST_APP_IDS } from '@mpp/contracts';
import { Decider } from '@mpp/eventsourcing';
import { apiKeyHash, AppError, newApiKey } from '@mpp/platform';
import { HOST_APP_UNKNOWN, ingestionKeyNotFound, operatorsOnly } from '../insights.errors';

// An ingestion key (DOMAIN.md 6): what a host app sends as X-Ingestion-Key with its usage events. Issued by a
// platform operator for one host app, shown once, stored only as its SHA-256 (the key is 32 random bytes, so a
// plain hash cannot be reversed or guessed; a slow password hash would cost every collect request), revocable.
// One stream per key.

export const INGESTION_KEY_ISSUED = 'insights.IngestionKeyIssued';
export const INGESTION_KEY_REVOKED = 'insights.IngestionKeyRevoked';

export const ingestionKeyStreamId = (keyId: string) => `IngestionKey-${keyId}`;

/** A new key's text: a prefix that says what it is (secret scanners match it), then 32 random bytes. */
export const newIngestionKey = () => newApiKey('mpp_ik_');
/** What is stored of a key, and what a presented key is looked up by. */
export const ingestionKeyHash = apiKeyHash;

type At = { at: string; by: string };
export type IngestionKeyEvent =
  | { type: typeof INGESTION_KEY_ISSUED; data: At & { keyId: string; hostApp: string; keyHash: string } }
  | { type: typeof INGESTION_KEY_REVOKED; data: At & { keyId: string; hostApp: string } };
export type IngestionKeyCommand = { type: 'IssueIngestionKey'; keyId: string; hostApp: string; keyHash: string } | { type: 'RevokeIngestionKey'; hostApp: string };
export type IngestionKeyState = { status: 'NONE' } | { status: 'ACTIVE' | 'REVOKED'; keyId: string; hostApp: string };

export const ingestionKeyDecider: Decider<IngestionKeyState, IngestionKeyCommand, IngestionKeyEvent> = {
  initialState: () => ({ status: 'NONE' }),
  evolve(state, event) {
    if (event.type === INGESTION_KEY_ISSUED) return { status: 'ACTIVE', keyId: event.data.keyId, hostApp: event.data.hostApp };
    return state.status === 'NONE' ? state : { ...state, status: 'REVOKED' };
  },
  decide(command, state, { now, actor }) {
    if (!actor?.platformRoles?.includes('OPERATOR')) throw operatorsOnly();
    const by = actor.accountId;
    if (command.type === 'IssueIngestionKey') {
      if (!HOST_APP_IDS.includes(command.hostApp)) throw AppError.notFound(HOST_APP_UNKNOWN, `no host app ${command.hostApp} (GET /v1/host-apps lists them)`);
      // A key id is new by construction (the handler draws it); a second issue under it changes nothing.
      if (state.status !== 'NONE') return [];
      const { keyId, hostApp, keyHash } = command;
      return [{ type: INGESTION_KEY_ISSUED, data: { keyId, hostApp, keyHash, by, at: now.toISOString() } }];
    }
    // Another host app's key is not shown to exist; revoking twice is the same as once (DELETE).
    if (state.status === 'NONE' || state.hostApp !== command.hostApp) throw ingestionKeyNotFound();
    if (state.status === 'REVOKED') return [];
    return [{ type: INGESTION_KEY_REVOKED, data: { keyId: state.keyId, hostApp: state.hostApp, by, at: now.toISOString() } }];
  },
};
