import { MarketController } from './market.controller';
import { ReferenceDataController } from './reference-data.controller';
import { ReviewServicesController } from './review-services.controller';
import { ServicesController } from './services.controller';
import { WorkspaceServicesController } from './workspace-services.controller';

/** Services, their review and the Service Market (API.md "Catalog"); GatewayRoutesModule mounts them. */
export const catalogControllers = [
  WorkspaceServicesController,
  ServicesController,
  ReviewServicesController,
  MarketController,
  ReferenceDataController,
];
