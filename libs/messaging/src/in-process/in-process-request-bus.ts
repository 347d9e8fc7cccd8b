import { RequestMessage, ServiceName } from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { RequestBus } from '../request-reply/request-bus';
import { unwrapReply } from '../request-reply/reply';
import { RequestRouter } from '../request-reply/request-router';

// Requests and replies cross a JSON boundary here too, so standalone sees exactly what the cluster would.
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Standalone's request/reply: a direct call into the service's router in the same process. */
export class InProcessRequestBus extends RequestBus {
  private readonly routers = new Map<ServiceName, RequestRouter>();

  attach(router: RequestRouter): void {
    this.routers.set(router.service, router);
  }

  async request<Result>(service: ServiceName, message: RequestMessage): Promise<Result> {
    const router = this.routers.get(service);
    if (!router) throw new AppError('SERVICE_UNAVAILABLE', 'unavailable', `${service} is not running`);
    return unwrapReply<Result>(overTheWire(await router.handle(overTheWire(message))));
  }

  async close(): Promise<void> {}
}
