import { fold } from '@mpp/eventsourcing';
import { deciderSpecification } from '@mpp/eventsourcing/testing';
import { MINI_PROGRAM_CREATED } from '@mpp/contracts';
import {
  ExistingMiniProgram,
  miniProgramDecider,
  MiniProgramEvent,
  VERSION_APPROVED,
  VERSION_EXPEDITED,
  VERSION_SUBMITTED,
  VERSION_UPLOADED,
  VERSION_WITHDRAWN,
} from '../../mini-programs/mini-program.decider';

// Expediting is a transition of the mini program's version (its quota is the review quota decider's).

const at = (minute: number) => `2026-11-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const created: MiniProgramEvent = { type: MINI_PROGRAM_CREATED, data: { miniProgramId: 'mp-1', ownerWorkspaceId: 'm-1', name: 'Cafe', description: '', category: 'RETAIL', targetApps: ['GCASH'], at: at(0) } };
const uploaded: MiniProgramEvent = { type: VERSION_UPLOADED, data: { version: '1.0.0', description: 'd', sha256: 'a'.repeat(64), size: 1, uploadedBy: 'dev-1', at: at(1) } };
const submitted = (minute: number): MiniProgramEvent => ({ type: VERSION_SUBMITTED, data: { version: '1.0.0', releaseMode: 'MANUAL', at: at(minute) } });
const expedited = (minute: number): MiniProgramEvent => ({ type: VERSION_EXPEDITED, data: { version: '1.0.0', at: at(minute) } });
const versionOf = (events: MiniProgramEvent[]) => (fold(miniProgramDecider, events) as ExistingMiniProgram).versions['1.0.0'];
const spec = deciderSpecification(miniProgramDecider);
const expedite = { type: 'ExpediteVersion' as const, version: '1.0.0' };

describe('expediting a version (mini program decider)', () => {
  it('expedites a version IN_REVIEW, keeping when it was submitted', () => {
    const decided = spec.given(created, uploaded, submitted(2)).when(expedite).decided();
    expect(decided).toEqual([{ type: VERSION_EXPEDITED, data: { version: '1.0.0', at: expect.any(String) } }]);
    expect(versionOf([created, uploaded, submitted(2), ...decided])).toMatchObject({ status: 'IN_REVIEW', expedited: true, submittedAt: at(2) });
  });

  it('changes nothing when it is expedited already (so no second expedite is used)', () => {
    spec.given(created, uploaded, submitted(2), expedited(3)).when(expedite).then([]);
  });

  it('refuses a version not IN_REVIEW with 422 VERSION_NOT_IN_REVIEW, and an unknown one with 404', () => {
    spec.given(created, uploaded).when(expedite).thenRefuses('VERSION_NOT_IN_REVIEW', 'rule_violation');
    const approved: MiniProgramEvent = { type: VERSION_APPROVED, data: { version: '1.0.0', reviewerAccountId: 'rev-1', at: at(4) } };
    spec.given(created, uploaded, submitted(2), approved).when(expedite).thenRefuses('VERSION_NOT_IN_REVIEW', 'rule_violation');
    spec.given(created).when(expedite).thenRefuses('VERSION_NOT_FOUND', 'not_found');
  });

  it('ends with the submission: a withdrawal clears it, a new submission starts unexpedited', () => {
    const withdrawn: MiniProgramEvent = { type: VERSION_WITHDRAWN, data: { version: '1.0.0', at: at(4) } };
    expect(versionOf([created, uploaded, submitted(2), expedited(3), withdrawn])).toMatchObject({ status: 'UPLOADED' });
    expect(versionOf([created, uploaded, submitted(2), expedited(3), withdrawn])).not.toHaveProperty('expedited', true);
    expect(versionOf([created, uploaded, submitted(2), expedited(3), withdrawn, submitted(5)])).toMatchObject({ status: 'IN_REVIEW', submittedAt: at(5), expedited: undefined });
  });
});
