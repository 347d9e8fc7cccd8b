import { INVITATION_ACCEPTED, MEMBER_ADDED, MEMBER_REMOVED, WORKSPACE_APPROVED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { INVITATION_DECLINED, INVITATION_SENT, INVITATION_WITHDRAWN, WORKSPACE_PROFILE_SET, WorkspaceCommand, workspaceDecider, WorkspaceEvent } from './workspace.decider';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const as = (accountId: string, ms = 0) => ({ now: new Date(t0.getTime() + ms), newId: () => 'id', actor: { accountId, platformRoles: [] as string[] } });
const decide = (events: WorkspaceEvent[], command: WorkspaceCommand, accountId = 'owner', ms = 0) =>
  workspaceDecider.decide(command, fold(workspaceDecider, events), as(accountId, ms));
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
});
