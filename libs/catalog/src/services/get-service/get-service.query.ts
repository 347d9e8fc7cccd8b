import { RequestMeta } from '@mpp/contracts';

export class GetService {
  constructor(
    readonly serviceId: string,
    readonly part: 'SERVICE' | 'HISTORY',
    readonly meta: RequestMeta,
  ) {}
}
