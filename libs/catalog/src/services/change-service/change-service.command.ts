import { RequestMeta, ServiceContent } from '@mpp/contracts';

/** What the ISV does to its service: edit (PATCH), submit, withdraw or archive. */
export type ServiceChange = { kind: 'EDIT'; changes: Partial<ServiceContent> } | { kind: 'SUBMIT' } | { kind: 'WITHDRAW' } | { kind: 'ARCHIVE' };

export class ChangeService {
  constructor(
    readonly serviceId: string,
    readonly change: ServiceChange,
    readonly meta: RequestMeta,
  ) {}
}
