import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LIST_WORKSPACE_ORDERS, OrderView, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { workspaceIdPipe } from '../workspaces/resource-id.pipe';
import { OrderResponse, OrderStatusQuery } from './ordering.dto';

@ApiTags('Ordering')
@Controller('v1/workspaces/:id/orders')
export class WorkspaceOrdersController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'The workspace\'s orders, as merchant or as ISV, most recently changed first (its members)' })
  @ApiPageResponse(OrderResponse)
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: OrderStatusQuery, @RequestContext() meta: RequestMeta): Promise<Page<OrderView>> {
    return this.bus.send(LIST_WORKSPACE_ORDERS, { workspaceId, status: query.status, limit: query.limit, cursor: query.cursor }, meta);
  }
}
