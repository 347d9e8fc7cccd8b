// identity's public events, published on identity.events for the other services. Schema version 1.

export const ACCOUNT_REGISTERED = 'identity.AccountRegistered';

export interface AccountRegisteredV1 {
  accountId: string;
  username: string;
  registeredAt: string;
}

/** The event types identity publishes; everything else in its store (hashes, attempts) stays inside. */
export const IDENTITY_PUBLIC_EVENTS: readonly string[] = [
  ACCOUNT_REGISTERED,
  'identity.WorkspaceApproved',
  'identity.MemberAdded',
  'identity.MemberRemoved',
  'identity.InvitationAccepted',
];
