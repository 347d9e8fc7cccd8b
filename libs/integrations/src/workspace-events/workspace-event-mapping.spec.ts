import fc from 'fast-check';
import { WORKSPACE_EVENT_DESCRIPTIONS, WORKSPACE_EVENT_TYPES } from '@mpp/contracts';
import Ajv2020 from 'ajv/dist/2020';
import { workspaceEventOf } from './workspace-event-mapping';

const order = { orderId: 'o1', serviceId: 's1', miniProgramId: 'mp1', merchantWorkspaceId: 'm1', isvWorkspaceId: 'i1' };
const at = '2026-11-20T10:00:00.000Z';
const authorization = { authorizationId: 'a1', orderId: 'o1', miniProgramId: 'mp1', merchantWorkspaceId: 'm1', isvWorkspaceId: 'i1', status: 'ACTIVE', scopes: ['UPLOAD'], at };
const ajv = new Ajv2020({ strict: false });

describe('workspace events: which workspaces hear of a public event (API.md Integrations)', () => {
  it('tells an order step to its merchant and its ISV, from what OrderPlaced said', () => {
    expect(workspaceEventOf({ type: 'ordering.OrderPlaced', data: { ...order, note: 'hi', at } }, {})).toEqual({ type: 'order.placed', data: { ...order, note: 'hi' }, workspaces: ['m1', 'i1'] });
    expect(workspaceEventOf({ type: 'ordering.OrderRejected', data: { orderId: 'o1', by: 'ISV', reason: 'busy', at } }, { order })).toEqual({
      type: 'order.rejected',
      data: { ...order, by: 'ISV', reason: 'busy' },
      workspaces: ['m1', 'i1'],
    });
    // An order it never heard placed cannot be placed with anyone.
    expect(workspaceEventOf({ type: 'ordering.OrderAccepted', data: { orderId: 'o1', by: 'ISV', at } }, {})).toBeUndefined();
  });

  it('reads version 1 order events (the whole order in each) as they are stored', () => {
    const v1 = { ...order, status: 'IN_DEVELOPMENT', authorizationId: 'a1', scopes: ['UPLOAD'], at };
    expect(workspaceEventOf({ type: 'ordering.OrderConfirmed', data: v1 }, { order })).toMatchObject({ type: 'order.confirmed', data: { authorizationId: 'a1', scopes: ['UPLOAD'], by: 'MERCHANT' } });
  });

  it("tells a version's review and release to the merchant and to the ISV holding the authorization, if any", () => {
    const miniProgram = { miniProgramId: 'mp1', merchantWorkspaceId: 'm1', isvWorkspaceId: 'i1' };
    expect(workspaceEventOf({ type: 'miniprograms.VersionRejected', data: { version: '1.0.0', reason: 'blurry', reviewerAccountId: 'r1', at } }, { miniProgram })).toEqual({
      type: 'version.rejected',
      data: { miniProgramId: 'mp1', version: '1.0.0', reason: 'blurry' },
      workspaces: ['m1', 'i1'],
    });
    expect(workspaceEventOf({ type: 'miniprograms.RolledBack', data: { from: '1.1.0', to: '1.0.0', at } }, { miniProgram: { ...miniProgram, isvWorkspaceId: undefined } })).toEqual({
      type: 'version.rolled_back',
      data: { miniProgramId: 'mp1', version: '1.0.0', previousVersion: '1.1.0' },
      workspaces: ['m1'],
    });
    expect(workspaceEventOf({ type: 'miniprograms.VersionApproved', data: { version: '1.0.0', at } }, {})).toBeUndefined();
  });

  it('tells authorizations to both parties and batch jobs to their ISV; other events to nobody', () => {
    expect(workspaceEventOf({ type: 'ordering.AuthorizationRevoked', data: { ...authorization, status: 'REVOKED' } }, {})).toMatchObject({ type: 'authorization.revoked', workspaces: ['m1', 'i1'] });
    const job = { jobId: 'j1', isvWorkspaceId: 'i1', kind: 'RELEASE', dryRun: false, total: 2, counts: { pending: 0, running: 0, succeeded: 2, failed: 0, skipped: 0 }, status: 'COMPLETED', at };
    expect(workspaceEventOf({ type: 'miniprograms.BatchJobCompleted', data: job }, {})).toEqual({
      type: 'batch_job.completed',
      data: { jobId: 'j1', kind: 'RELEASE', dryRun: false, total: 2, counts: job.counts, status: 'COMPLETED' },
      workspaces: ['i1'],
    });
    expect(workspaceEventOf({ type: 'miniprograms.BatchJobCanceled', data: job }, {})).toBeUndefined();
    expect(workspaceEventOf({ type: 'miniprograms.VersionUploaded', data: {} }, {})).toBeUndefined();
  });

  it('makes data that its type\'s published schema accepts, for any order and version event drawn', () => {
    const validators = new Map(WORKSPACE_EVENT_TYPES.map((type) => [type, ajv.compile(WORKSPACE_EVENT_DESCRIPTIONS[type].payload)]));
    const text = fc.string({ minLength: 1, maxLength: 8 });
    const source = fc.oneof(
      fc.record({ type: fc.constantFrom('ordering.OrderPlaced'), data: fc.record({ orderId: text, serviceId: text, miniProgramId: text, merchantWorkspaceId: text, isvWorkspaceId: text, at: fc.constant(at), note: fc.option(text, { nil: undefined }) }) }),
      fc.record({ type: fc.constantFrom('ordering.OrderCanceled', 'ordering.OrderCompleted'), data: fc.record({ orderId: text, by: fc.constantFrom('MERCHANT', 'ISV'), reason: fc.option(text, { nil: undefined }), at: fc.constant(at) }) }),
      fc.record({ type: fc.constantFrom('miniprograms.VersionSubmitted'), data: fc.record({ version: text, releaseMode: fc.constantFrom('MANUAL', 'AUTO'), at: fc.constant(at) }) }),
      fc.record({ type: fc.constantFrom('miniprograms.GrayReleaseStarted'), data: fc.record({ version: text, percent: fc.constantFrom(1, 5, 10, 50), at: fc.constant(at) }) }),
    );
    fc.assert(
      fc.property(source, (event) => {
        const mapped = workspaceEventOf(event, { order, miniProgram: { miniProgramId: 'mp1', merchantWorkspaceId: 'm1' } });
        expect(mapped).toBeDefined();
        const validate = validators.get(mapped!.type)!;
        expect({ valid: validate(mapped!.data), errors: validate.errors }).toMatchObject({ valid: true });
      }),
    );
  });
});
