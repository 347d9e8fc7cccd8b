import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HOST_APPS, INDUSTRIES } from '@mpp/contracts';
import { Public } from '../../auth/auth.decorators';
import { HostAppsResponse, IndustriesResponse } from './catalog.dto';

// The lists change only with a release; an hour-old copy is good enough.
const REFERENCE_CACHE_CONTROL = 'public, max-age=3600';

/** The platform's fixed lists, answered by the gateway from the contracts: no service is asked. */
@ApiTags('Service Market')
@Controller('v1')
@Public()
export class ReferenceDataController {
  @Get('industries')
  @Header('Cache-Control', REFERENCE_CACHE_CONTROL)
  @ApiOperation({ summary: 'The industries a service can belong to (anyone)' })
  @ApiOkResponse({ type: IndustriesResponse })
  industries(): IndustriesResponse {
    return { items: INDUSTRIES.map(({ id, name }) => ({ id, name })) };
  }

  @Get('host-apps')
  @Header('Cache-Control', REFERENCE_CACHE_CONTROL)
  @ApiOperation({ summary: 'The host apps a service and a mini program can target (anyone)' })
  @ApiOkResponse({ type: HostAppsResponse })
  hostApps(): HostAppsResponse {
    return { items: HOST_APPS.map(({ id, name }) => ({ id, name })) };
  }
}
