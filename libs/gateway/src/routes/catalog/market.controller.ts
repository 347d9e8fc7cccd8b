import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GET_MARKET_SERVICE, MarketServiceView, RequestMeta, SEARCH_MARKET } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { MarketSearchQuery, MarketServiceDetailResponse, MarketServiceResponse } from './catalog.dto';
import { serviceIdPipe } from './service-id.pipe';

/** The Service Market: the ONLINE services, to every signed-in user. */
@ApiTags('Service Market')
@Controller('v1/market/services')
export class MarketController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'Find ONLINE services by industry, type and host app, and by words in the name and description' })
  @ApiPageResponse(MarketServiceResponse)
  search(@Query() query: MarketSearchQuery, @RequestContext() meta: RequestMeta): Promise<Page<MarketServiceView>> {
    return this.bus.send(SEARCH_MARKET, { industry: query.industry, type: query.type, app: query.app, q: query.q, limit: query.limit, cursor: query.cursor }, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An ONLINE service with its ISV\'s public workspace information' })
  @ApiOkResponse({ type: MarketServiceDetailResponse })
  get(@Param('id', serviceIdPipe) serviceId: string, @RequestContext() meta: RequestMeta): Promise<MarketServiceView> {
    return this.bus.send(GET_MARKET_SERVICE, { serviceId }, meta);
  }
}
