import { Controller, Delete, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ISSUE_INGESTION_KEY, IssuedIngestionKey, RequestMeta, REVOKE_INGESTION_KEY } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Roles } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe } from '../workspaces/resource-id.pipe';
import { IssuedIngestionKeyResponse } from './ingestion-keys.dto';
import { CollectController, StatisticsController } from './usage.controller';

const hostAppPipe = new ResourceIdPipe('HOST_APP_UNKNOWN', 'no such host app (GET /v1/host-apps lists them)', /^[A-Z0-9_]{1,32}$/);
const keyIdPipe = new ResourceIdPipe('INGESTION_KEY_NOT_FOUND', 'no such ingestion key for this host app');

/** Host apps' ingestion keys (API.md "Statistics"): platform operators issue and revoke them. */
@ApiTags('Statistics')
@Controller('v1/host-apps/:appId/ingestion-keys')
export class IngestionKeysController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @Roles('OPERATOR')
  @ApiOperation({
    summary: 'Issue the host app an ingestion key (platform operators)',
    description: 'The key is in this answer only (the platform keeps its SHA-256): store it in the host app, which sends it as X-Ingestion-Key with its usage events. A retry issues another key; revoke one you did not receive.',
  })
  @ApiCreatedResponse({ type: IssuedIngestionKeyResponse })
  issue(@Param('appId', hostAppPipe) hostApp: string, @RequestContext() meta: RequestMeta): Promise<IssuedIngestionKey> {
    return this.bus.send(ISSUE_INGESTION_KEY, { hostApp }, meta);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Roles('OPERATOR')
  @ApiOperation({ summary: 'Revoke one of the host app\'s ingestion keys (platform operators); revoking it again changes nothing' })
  @ApiNoContentResponse()
  async revoke(@Param('appId', hostAppPipe) hostApp: string, @Param('keyId', keyIdPipe) keyId: string, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(REVOKE_INGESTION_KEY, { hostApp, keyId }, meta);
  }
}

export const insightsControllers = [IngestionKeysController, CollectController, StatisticsController];
