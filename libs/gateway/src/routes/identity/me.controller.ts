import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GET_ME, MeView, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { RequestContext } from '../../request/request-context.decorator';
import { MeResponse } from './identity.dto';

/** The signed-in caller. */
@ApiTags('Identity')
@Controller('v1/me')
export class MeController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'The caller\'s account, platform roles and workspaces' })
  @ApiOkResponse({ type: MeResponse })
  get(@RequestContext() meta: RequestMeta): Promise<MeView> {
    return this.bus.send(GET_ME, {}, meta);
  }
}
