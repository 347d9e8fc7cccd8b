import { SERVICE_ONLINE } from '@mpp/contracts';
import { StoredEvent } from '@mpp/eventsourcing';
import { SERVICE_APPROVED, SERVICE_CREATED, SERVICE_EDITED, SERVICE_REJECTED, SERVICE_SUBMITTED } from '../service.decider';
import { serviceContent as content } from '../../testing/service-content';
import { serviceHistory } from './service-history';

const at = '2026-11-01T10:00:00.000Z';
const stored = (type: string, data: Record<string, unknown>, accountId?: string, n = 1): StoredEvent => ({
  eventId: `e-${n}`,
  type,
  data,
  metadata: { correlationId: 'c', occurredAt: at, ...(accountId ? { actor: { accountId } } : {}) },
  streamId: 'Service-s1',
  streamPosition: n,
  logPosition: String(n),
  recordedAt: at,
});

describe('service history', () => {
  it('lists the service\'s own events with the state each led to, who and why; the public echoes are left out', () => {
    const events = [
      stored(SERVICE_CREATED, { serviceId: 's1', isvWorkspaceId: 'w1', content, at }, 'dev-1', 1),
      stored(SERVICE_SUBMITTED, { at }, 'dev-1', 2),
      stored(SERVICE_REJECTED, { reason: 'Add screenshots', reviewerAccountId: 'rev-1', at }, 'rev-1', 3),
      stored(SERVICE_SUBMITTED, { at }, 'dev-1', 4),
      stored(SERVICE_APPROVED, { reviewerAccountId: 'rev-1', at }, 'rev-1', 5),
      stored(SERVICE_ONLINE, { serviceId: 's1', isvWorkspaceId: 'w1', type: content.type, name: content.name, at }, 'rev-1', 6),
      stored(SERVICE_EDITED, { changes: { description: 'Now with templates.' }, at }, undefined, 7),
    ];
    expect(serviceHistory(events)).toEqual([
      { type: 'ServiceCreated', status: 'DRAFT', actor: 'dev-1', at },
      { type: 'ServiceSubmitted', status: 'PENDING_REVIEW', actor: 'dev-1', at },
      { type: 'ServiceRejected', status: 'TURNED_DOWN', actor: 'rev-1', at, reason: 'Add screenshots' },
      { type: 'ServiceSubmitted', status: 'PENDING_REVIEW', actor: 'dev-1', at },
      { type: 'ServiceApproved', status: 'ONLINE', actor: 'rev-1', at },
      { type: 'ServiceEdited', status: 'ONLINE (revision DRAFT)', actor: 'system', at },
    ]);
  });
});
