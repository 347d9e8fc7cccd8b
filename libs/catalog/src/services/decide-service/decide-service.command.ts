import { RequestMeta } from '@mpp/contracts';

export class DecideService {
  constructor(
    readonly serviceId: string,
    readonly decision: 'APPROVE' | 'REJECT',
    readonly reason: string | undefined,
    readonly meta: RequestMeta,
  ) {}
}
