import { DynamicModule, Module } from '@nestjs/common';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { BlobStore } from '@mpp/platform';
import { BLOB_STORE } from './miniprograms/package-upload';
import { catalogControllers } from './catalog/catalog-controllers';
import { identityControllers } from './identity/identity-controllers';
import { miniprogramsControllers } from './miniprograms/mini-programs.controller';
import { uiAssetsControllers } from './miniprograms/ui-assets.controller';
import { reviewQuotaControllers } from './miniprograms/review-quota.controller';
import { templatesControllers } from './miniprograms/templates.controller';
import { batchJobsControllers } from './miniprograms/batch-jobs.controller';
import { insightsControllers } from './insights/ingestion-keys.controller';
import { integrationsControllers } from './integrations/integrations.controller';
import { UploadKeysController } from './miniprograms/upload-keys.controller';
import { orderingControllers } from './ordering/ordering-controllers';
import { workspacesControllers } from './workspaces/workspaces-controllers';

/** Every route of the public API; each context's issue adds its controllers here. */
const controllers = [...identityControllers, ...workspacesControllers, ...catalogControllers, ...orderingControllers, ...miniprogramsControllers, ...uiAssetsControllers, ...reviewQuotaControllers, ...templatesControllers, ...batchJobsControllers, ...insightsControllers, ...integrationsControllers, UploadKeysController];

@Module({})
export class GatewayRoutesModule {
  static withBus(bus: RequestBus, blobs: BlobStore): DynamicModule {
    return { module: GatewayRoutesModule, controllers, providers: [{ provide: REQUEST_BUS, useValue: bus }, { provide: BLOB_STORE, useValue: blobs }] };
  }
}
