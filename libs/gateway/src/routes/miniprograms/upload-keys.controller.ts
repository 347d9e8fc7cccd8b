import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CREATE_UPLOAD_KEY, CreatedUploadKey, LIST_UPLOAD_KEYS, RequestMeta, REVOKE_UPLOAD_KEY, UploadKeyView } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe } from '../workspaces/resource-id.pipe';
import { miniProgramIdPipe } from './mini-programs.controller';
import { CreatedUploadKeyResponse, CreateUploadKeyRequest, UploadKeyListResponse } from './upload-keys.dto';

const keyIdPipe = new ResourceIdPipe('UPLOAD_KEY_NOT_FOUND', 'no such upload key of this mini program');

/** A mini program's upload keys (DOMAIN.md 7): what a CI uploads versions with. */
@ApiTags('Integrations')
@Controller('v1/mini-programs/:id/upload-keys')
export class UploadKeysController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({
    summary: "Make an upload key (the merchant's Owner or Admins; an ISV with UPLOAD)",
    description: 'The key is in this answer only; at most 5 active per mini program. An ISV\'s key stops working when its authorization ends. A retry makes another key; revoke one you did not receive.',
  })
  @ApiCreatedResponse({ type: CreatedUploadKeyResponse })
  create(@Param('id', miniProgramIdPipe) miniProgramId: string, @Body() body: CreateUploadKeyRequest, @RequestContext() meta: RequestMeta): Promise<CreatedUploadKey> {
    return this.bus.send(CREATE_UPLOAD_KEY, { miniProgramId, name: body.name, ipAllowlist: body.ipAllowlist, expiresAt: body.expiresAt, ...(body.allowAnyIp !== undefined ? { allowAnyIp: body.allowAnyIp } : {}) }, meta);
  }

  @Get()
  @ApiOperation({ summary: 'Its upload keys, with their last use; revoked and expired ones stay listed (an ISV sees the ones it made)' })
  @ApiOkResponse({ type: UploadKeyListResponse })
  list(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta): Promise<{ items: UploadKeyView[] }> {
    return this.bus.send(LIST_UPLOAD_KEYS, { miniProgramId }, meta);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an upload key; revoking it again changes nothing' })
  @ApiNoContentResponse()
  async revoke(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('keyId', keyIdPipe) keyId: string, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(REVOKE_UPLOAD_KEY, { miniProgramId, keyId }, meta);
  }
}
