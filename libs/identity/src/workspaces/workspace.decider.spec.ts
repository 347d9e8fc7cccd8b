import { INVITATION_ACCEPTED, MEMBER_ADDED, MEMBER_REMOVED, WORKSPACE_APPROVED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification } from '@mpp/eventsourcing/testing';
import { INVITATION_DECLINED, INVITATION_SENT, INVITATION_WITHDRAWN, WORKSPACE_PROFILE_SET, WorkspaceCommand, workspaceDecider, WorkspaceEvent } from './workspace.decider';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const as = (accountId: string, ms = 0) => ({ now: new Date(t0.getTime() + ms), newId: () => 'id', actor: { accountId, platformRoles: [] as string[] } });
const spec = deciderSpecification(workspaceDecider);
const decide = (events: WorkspaceEvent[], command: WorkspaceCommand, accountId = 'owner', ms = 0) => spec.given(events).when(command, as(accountId, ms)).decided();
const created = decide([], {
  type: 'CreateWorkspace',
  workspaceId: 'w1',
  workspaceType: 'ISV',
  name: 'Acme',
  ownerAccountId: 'owner',
  applicationId: 'app1',
  profile: { businessAddress: '1 Road', countryRegion: 'SG', businessRepresentative: 'Ann' },
});
const invite = (email = 'dev@x.io', role: 'ADMIN' | 'DEVELOPER' | 'OPERATOR' = 'DEVELOPER'): WorkspaceCommand => ({ type: 'InviteMember', invitationId: 'i1', email, role, inviteeIsMember: false });

describe('workspace decider', () => {
  it('starts with the applicant as Owner', () => {
    expect(created.map((e) => e.type)).toEqual([WORKSPACE_APPROVED, WORKSPACE_PROFILE_SET, MEMBER_ADDED]);
    expect(fold(workspaceDecider, created)).toMatchObject({ members: { owner: 'OWNER' }, name: 'Acme', type: 'ISV' });
  });

  it('invites for 3 days; only the invitee accepts, once, and becomes a member', () => {
    const sent = decide(created, invite());
    expect(sent[0]).toMatchObject({ type: INVITATION_SENT, data: { email: 'dev@x.io', role: 'DEVELOPER', expiresAt: new Date(t0.getTime() + 3 * 86_400_000).toISOString() } });
    expect(() => decide([...created, ...sent], { type: 'AcceptInvitation', invitationId: 'i1', actorEmail: 'other@x.io' }, 'other')).toThrow(
      expect.objectContaining({ code: 'INVITATION_NOT_FOUND' }),
    );
    const accepted = decide([...created, ...sent], { type: 'AcceptInvitation', invitationId: 'i1', actorEmail: 'dev@x.io' }, 'dev');
    expect(accepted.map((e) => e.type)).toEqual([INVITATION_ACCEPTED, MEMBER_ADDED]);
    expect(() => decide([...created, ...sent, ...accepted], { type: 'AcceptInvitation', invitationId: 'i1', actorEmail: 'dev@x.io' }, 'dev')).toThrow(
      expect.objectContaining({ code: 'INVITATION_NOT_PENDING', category: 'rule_violation' }),
    );
  });

  it('refuses an expired invitation, a second pending one to the same address, and an Owner invitation', () => {
    const sent = decide(created, invite());
    expect(() => decide([...created, ...sent], { type: 'AcceptInvitation', invitationId: 'i1', actorEmail: 'dev@x.io' }, 'dev', 3 * 86_400_000)).toThrow(
      expect.objectContaining({ code: 'INVITATION_EXPIRED' }),
    );
    expect(() => decide([...created, ...sent], { ...invite(), invitationId: 'i2' } as WorkspaceCommand)).toThrow(expect.objectContaining({ code: 'INVITATION_PENDING' }));
    expect(() => decide(created, { type: 'InviteMember', invitationId: 'i3', email: 'x@x.io', role: 'OWNER', inviteeIsMember: false })).toThrow(
      expect.objectContaining({ category: 'bad_input' }),
    );
  });

  it('lets the invitee decline and a manager withdraw', () => {
    const sent = decide(created, invite());
    expect(decide([...created, ...sent], { type: 'DeclineInvitation', invitationId: 'i1', actorEmail: 'dev@x.io' }, 'dev')[0].type).toBe(INVITATION_DECLINED);
    expect(decide([...created, ...sent], { type: 'WithdrawInvitation', invitationId: 'i1' })[0].type).toBe(INVITATION_WITHDRAWN);
  });

  it('lets only the Owner and Admins manage members, never removing the Owner', () => {
    const sent = decide(created, invite('dev@x.io'));
    const joined = [...created, ...sent, ...decide([...created, ...sent], { type: 'AcceptInvitation', invitationId: 'i1', actorEmail: 'dev@x.io' }, 'dev')];
    expect(() => decide(joined, { ...invite('x@x.io'), invitationId: 'i9' } as WorkspaceCommand, 'dev')).toThrow(expect.objectContaining({ code: 'FORBIDDEN_WORKSPACE_ROLE', category: 'forbidden' }));
    expect(() => decide(joined, { ...invite('x@x.io'), invitationId: 'i9' } as WorkspaceCommand, 'stranger')).toThrow(expect.objectContaining({ code: 'WORKSPACE_NOT_FOUND' }));
    expect(() => decide(joined, { type: 'RemoveMember', accountId: 'owner' })).toThrow(expect.objectContaining({ code: 'OWNER_CANNOT_BE_REMOVED' }));
    expect(decide(joined, { type: 'RemoveMember', accountId: 'dev' })[0].type).toBe(MEMBER_REMOVED);
  });

  // Names every object inherits: as ids they must not find anything (DOMAIN.md, "Rules that hold everywhere").
  describe.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])('an id equal to the built-in name %s', (name) => {
    const pending = [...created, ...decide(created, invite())];
    const notFound = (code: string) => expect.objectContaining({ code, category: 'not_found' });

    it('is no member: removing it is refused and decides nothing', () => {
      expect(() => decide(pending, { type: 'RemoveMember', accountId: name })).toThrow(notFound('MEMBER_NOT_FOUND'));
    });

    it('is no invitation: withdrawing, accepting or declining it is refused and decides nothing', () => {
      expect(() => decide(pending, { type: 'WithdrawInvitation', invitationId: name })).toThrow(notFound('INVITATION_NOT_FOUND'));
      expect(() => decide(pending, { type: 'AcceptInvitation', invitationId: name, actorEmail: 'dev@x.io' }, 'dev')).toThrow(notFound('INVITATION_NOT_FOUND'));
      expect(() => decide(pending, { type: 'DeclineInvitation', invitationId: name, actorEmail: 'dev@x.io' }, 'dev')).toThrow(notFound('INVITATION_NOT_FOUND'));
    });

    it('is no manager: an actor with that id does not see the workspace', () => {
      expect(() => decide(pending, { ...invite('x@x.io'), invitationId: 'i9' } as WorkspaceCommand, name)).toThrow(notFound('WORKSPACE_NOT_FOUND'));
    });
  });

  it('keeps __proto__ as an ordinary key: the records keep their prototype and nothing is polluted', () => {
    const events: WorkspaceEvent[] = [
      ...created,
      { type: MEMBER_ADDED, data: { workspaceId: 'w1', accountId: '__proto__', role: 'DEVELOPER', at: t0.toISOString() } },
      ...decide(created, { ...invite(), invitationId: '__proto__' } as WorkspaceCommand),
    ];
    const state = fold(workspaceDecider, events);
    if (state.status !== 'ACTIVE') throw new Error('the workspace exists');
    expect(Object.getPrototypeOf(state.members)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(state.invitations)).toBe(Object.prototype);
    expect(Object.keys(state.members)).toEqual(['owner', '__proto__']);
    expect(Object.keys(state.invitations)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).email).toBeUndefined();
    // It round-trips through JSON as an own key too, and is found and removed like any other id.
    expect(JSON.parse(JSON.stringify(state)).members).toEqual(state.members);
    expect(decide(events, { type: 'RemoveMember', accountId: '__proto__' })[0]).toMatchObject({ type: MEMBER_REMOVED, data: { accountId: '__proto__', role: 'DEVELOPER' } });
    expect(decide(events, { type: 'WithdrawInvitation', invitationId: '__proto__' })[0].type).toBe(INVITATION_WITHDRAWN);
  });
});
