import { AuthorizationsController } from './authorizations.controller';
import { OrdersController } from './orders.controller';
import { WorkspaceOrdersController } from './workspace-orders.controller';

/** Orders and authorizations (API.md "Ordering"); GatewayRoutesModule mounts them. */
export const orderingControllers = [OrdersController, WorkspaceOrdersController, AuthorizationsController];
