import { CHECKPOINTS_SCHEMA, ensureSchema, projectionStatus, ProjectionStatus, readCheckpoint, rebuildAllIntoShadow, rebuildByTruncate, rebuildIntoShadow, RebuildProgress, verifyProjection } from '@mpp/eventsourcing';
import { AppError } from '@mpp/platform';
import { logOf, openServiceLogs, ServiceDefinition } from '@mpp/application';
import { ServiceStorage } from './service-storage';

export interface ReaderStatus {
  name: string;
  position: string | null;
  processed: number;
  lag: number | null;
}

/** Every projection of a service with checkpoint and lag, plus its relay and inbound readers when present. */
export async function statusOfService(definition: ServiceDefinition, storage: ServiceStorage): Promise<ProjectionStatus[]> {
  const statuses: ProjectionStatus[] = [];
  await ensureSchema(storage.sql, CHECKPOINTS_SCHEMA);
  const logs = await openServiceLogs(definition, storage.sql, storage.store, storage.inbox);
  for (const projection of definition.projections) {
    statuses.push(await projectionStatus(storage.sql, logOf(logs, projection), projection));
  }
  const relay = await readCheckpoint(storage.sql, 'relay');
  if (relay) {
    statuses.push({
      name: 'relay',
      source: 'store',
      position: relay.position,
      processed: relay.processed,
      lag: await storage.store.countAfter(relay.position),
      updatedAt: relay.updatedAt,
    });
  }
  return statuses;
}

export async function rebuildProjection(
  definition: ServiceDefinition,
  storage: ServiceStorage,
  name: string,
  mode: 'shadow' | 'truncate',
  onProgress: (progress: RebuildProgress) => void,
) {
  const { projection, log } = await projectionOf(definition, storage, name);
  const rebuild = mode === 'truncate' ? rebuildByTruncate : rebuildIntoShadow;
  return rebuild(storage.sql, log, projection, { onProgress });
}

/**
 * Rebuilds every projection of a service into shadow tables, reading each of its logs once for all the projections
 * it feeds (`ops projections rebuild <service>`); returns each projection's events.
 */
export async function rebuildServiceProjections(definition: ServiceDefinition, storage: ServiceStorage, onProgress: (log: string, progress: RebuildProgress) => void) {
  const logs = await openServiceLogs(definition, storage.sql, storage.store, storage.inbox);
  const results: { name: string; applied: number; total: number }[] = [];
  for (const source of new Set(definition.projections.map((p) => p.source))) {
    const projections = definition.projections.filter((p) => p.source === source);
    const rebuilt = await rebuildAllIntoShadow(storage.sql, logOf(logs, projections[0]), projections, { onProgress: (progress) => onProgress(source, progress) });
    results.push(...rebuilt.map((r, i) => ({ name: projections[i].name, ...r })));
  }
  return results;
}

/** Rebuilds a projection beside the live one and compares them, swapping nothing (`ops projections verify`). */
export async function verifyServiceProjection(definition: ServiceDefinition, storage: ServiceStorage, name: string, onProgress: (progress: RebuildProgress) => void) {
  const { projection, log } = await projectionOf(definition, storage, name);
  return verifyProjection(storage.sql, log, projection, { onProgress });
}

async function projectionOf(definition: ServiceDefinition, storage: ServiceStorage, name: string) {
  const projection = definition.projections.find((p) => p.name === name);
  if (!projection) {
    throw AppError.notFound('PROJECTION_NOT_FOUND', `${definition.name} has no projection "${name}" (it has: ${definition.projections.map((p) => p.name).join(', ') || 'none'})`);
  }
  return { projection, log: logOf(await openServiceLogs(definition, storage.sql, storage.store, storage.inbox), projection) };
}
