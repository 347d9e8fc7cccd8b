import { randomUUID, createHash } from 'node:crypto';
import { EventStore, WrongExpectedVersionError } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';

const CLAIMED = 'catalog.ServiceNameClaimed';
const RELEASED = 'catalog.ServiceNameReleased';
const streamOf = (workspaceId: string, name: string) =>
  `ServiceName-${workspaceId}-${createHash('sha256').update(name.trim().toLowerCase()).digest('hex').slice(0, 40)}`;

/** A service name is unique within its ISV, case-insensitively: claimed through a stream per name, released on rename. */
export class ServiceNames {
  constructor(private readonly store: EventStore) {}

  async claim(workspaceId: string, name: string, serviceId: string, correlationId: string): Promise<void> {
    const stream = streamOf(workspaceId, name);
    const [last] = await this.store.readStream(stream, { direction: 'backward', limit: 1 });
    if (last?.type === CLAIMED && last.data.serviceId === serviceId) return;
    if (last?.type === CLAIMED) throw taken(name);
    try {
      await this.store.append(stream, [this.event(CLAIMED, serviceId, correlationId)], { expectedVersion: last ? last.streamPosition : 'no_stream' });
    } catch (error) {
      throw error instanceof WrongExpectedVersionError ? taken(name) : error;
    }
  }

  async release(workspaceId: string, name: string, serviceId: string, correlationId: string): Promise<void> {
    const stream = streamOf(workspaceId, name);
    const [last] = await this.store.readStream(stream, { direction: 'backward', limit: 1 });
    if (last?.type !== CLAIMED || last.data.serviceId !== serviceId) return;
    await this.store.append(stream, [this.event(RELEASED, serviceId, correlationId)], { expectedVersion: last.streamPosition }).catch(() => undefined);
  }

  private event(type: string, serviceId: string, correlationId: string) {
    return { eventId: randomUUID(), type, data: { serviceId }, metadata: { correlationId, occurredAt: new Date().toISOString() } };
  }
}

const taken = (name: string) => AppError.conflict('SERVICE_NAME_TAKEN', `this ISV has a service named "${name}" already`);
