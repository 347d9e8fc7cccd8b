import { ServiceStepReply, ServiceView } from '@mpp/contracts';
import { ServiceState, stageOf } from './service.decider';

export function toServiceView(serviceId: string, state: ServiceState, version: number): ServiceView {
  if (state.status === 'NONE') throw new Error('a service that exists has a state');
  return {
    ...state.content,
    serviceId,
    isvWorkspaceId: state.isvWorkspaceId,
    status: state.status,
    ...(state.revision ? { revisionStatus: state.revision, online: state.online } : {}),
    ...(state.reason ? { reason: state.reason } : {}),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    version,
  };
}

/** A step's answer: the status it led to, the revision's while an ONLINE service is revised. */
export function toStepReply(state: ServiceState, version: number): ServiceStepReply {
  if (state.status === 'NONE') throw new Error('a changed service has a state');
  return { status: stageOf(state), version };
}
