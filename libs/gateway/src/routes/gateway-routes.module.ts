import { DynamicModule, Module } from '@nestjs/common';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { catalogControllers } from './catalog/catalog-controllers';
import { identityControllers } from './identity/identity-controllers';
import { miniprogramsControllers } from './miniprograms/mini-programs.controller';
import { orderingControllers } from './ordering/ordering-controllers';
import { PlatformNoticesController } from './platform-notices/platform-notices.controller';
import { workspacesControllers } from './workspaces/workspaces-controllers';

/** Every route of the public API; each context's issue adds its controllers here. */
const controllers = [PlatformNoticesController, ...identityControllers, ...workspacesControllers, ...catalogControllers, ...orderingControllers, ...miniprogramsControllers];

@Module({})
export class GatewayRoutesModule {
  static withBus(bus: RequestBus): DynamicModule {
    return { module: GatewayRoutesModule, controllers, providers: [{ provide: REQUEST_BUS, useValue: bus }] };
  }
}
