import { createHash } from 'node:crypto';
import { EventStore, UniqueClaims } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { SERVICE_NAME_TAKEN } from '../catalog.errors';

const streamOf = (workspaceId: string, name: string) =>
  `ServiceName-${workspaceId}-${createHash('sha256').update(name.trim().toLowerCase()).digest('hex').slice(0, 40)}`;

/** A service name is unique within its ISV, case-insensitively: claimed through a stream per name, released on rename. */
export class ServiceNames {
  private readonly claims: UniqueClaims;

  constructor(store: EventStore) {
    this.claims = new UniqueClaims(store, { claimed: 'catalog.ServiceNameClaimed', released: 'catalog.ServiceNameReleased', holderKey: 'serviceId' });
  }

  async claim(workspaceId: string, name: string, serviceId: string, correlationId: string): Promise<void> {
    if (!(await this.claims.claim(streamOf(workspaceId, name), serviceId, correlationId))) {
      throw AppError.conflict(SERVICE_NAME_TAKEN, `this ISV has a service named "${name}" already`);
    }
  }

  release(workspaceId: string, name: string, serviceId: string, correlationId: string): Promise<void> {
    return this.claims.release(streamOf(workspaceId, name), serviceId, correlationId);
  }
}
