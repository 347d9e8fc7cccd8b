import { deciderSpecification } from '@mpp/eventsourcing/testing';
import {
  APPLICATION_APPROVED,
  APPLICATION_LOGO_UPLOADED,
  APPLICATION_REJECTED,
  APPLICATION_SUBMITTED,
  WorkspaceApplicationCommand,
  workspaceApplicationDecider,
  WorkspaceApplicationEvent,
} from './workspace-application.decider';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const applicant: { accountId: string; platformRoles: string[] } = { accountId: 'a1', platformRoles: [] };
const reviewer = { accountId: 'r1', platformRoles: ['REVIEWER'] };
const ctx = (actor = applicant) => ({ now: t0, newId: () => 'id', actor });
const details = { type: 'ISV' as const, companyName: 'Acme', businessAddress: '1 Road', countryRegion: 'SG', businessRepresentative: 'Ann' };
const submitted: WorkspaceApplicationEvent = {
  type: APPLICATION_SUBMITTED,
  data: { ...details, applicationId: 'app1', applicantAccountId: 'a1', applicantEmail: 'ann@x.io', termsVersion: 'v1', submittedAt: t0.toISOString() },
};
const spec = deciderSpecification(workspaceApplicationDecider);
const decide = (events: WorkspaceApplicationEvent[], command: WorkspaceApplicationCommand, actor = applicant) => spec.given(events).when(command, ctx(actor)).decided();

describe('workspace application decider', () => {
  it('submits an application under review', () => {
    expect(decide([], { type: 'SubmitWorkspaceApplication', applicationId: 'app1', applicantAccountId: 'a1', applicantEmail: 'ann@x.io', details, termsVersion: 'v1' })).toEqual([submitted]);
  });

  it('lets only the applicant change the logo, and only under review', () => {
    expect(decide([submitted], { type: 'UploadApplicationLogo', sha256: 's', contentType: 'image/png', size: 10 })[0].type).toBe(APPLICATION_LOGO_UPLOADED);
    expect(() => decide([submitted], { type: 'UploadApplicationLogo', sha256: 's', contentType: 'image/png', size: 10 }, { accountId: 'other', platformRoles: [] })).toThrow(
      expect.objectContaining({ code: 'APPLICATION_NOT_FOUND' }),
    );
  });

  it('is approved or rejected once, by a reviewer, with a reason to reject', () => {
    const approved = decide([submitted], { type: 'ApproveWorkspaceApplication', workspaceId: 'w1' }, reviewer);
    expect(approved).toEqual([{ type: APPLICATION_APPROVED, data: { workspaceId: 'w1', reviewerAccountId: 'r1', applicantEmail: 'ann@x.io', companyName: 'Acme', at: t0.toISOString() } }]);
    expect(() => decide([submitted, ...approved], { type: 'RejectWorkspaceApplication', reason: 'late' }, reviewer)).toThrow(
      expect.objectContaining({ code: 'APPLICATION_ALREADY_DECIDED', category: 'rule_violation' }),
    );
    expect(() => decide([submitted], { type: 'ApproveWorkspaceApplication', workspaceId: 'w1' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN_ROLE', category: 'forbidden' }));
    expect(() => decide([submitted], { type: 'RejectWorkspaceApplication', reason: '  ' }, reviewer)).toThrow(expect.objectContaining({ category: 'bad_input' }));
    expect(decide([submitted], { type: 'RejectWorkspaceApplication', reason: 'blurry licence' }, reviewer)[0]).toMatchObject({ type: APPLICATION_REJECTED, data: { reason: 'blurry licence' } });
  });

  it('answers not found for an application that does not exist', () => {
    expect(() => decide([], { type: 'ApproveWorkspaceApplication', workspaceId: 'w1' }, reviewer)).toThrow(expect.objectContaining({ code: 'APPLICATION_NOT_FOUND' }));
  });
});
