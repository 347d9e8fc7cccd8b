import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuthorizationView,
  CHANGE_AUTHORIZATION_SCOPES,
  GET_AUTHORIZATION,
  GET_AUTHORIZATION_HISTORY,
  LIST_AUTHORIZATIONS,
  RequestMeta,
  REVOKE_AUTHORIZATION,
} from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe } from '../workspaces/resource-id.pipe';
import { AuthorizationResponse, AuthorizationsQuery, AuthorizationStepResponse, ChangeScopesRequest, HistoryResponse } from './ordering.dto';

const authorizationIdPipe = new ResourceIdPipe('AUTHORIZATION_NOT_FOUND', 'no such authorization');

/** The merchant's grants to ISVs on its mini programs: both parties read them, the merchant changes or revokes them. */
@ApiTags('Ordering')
@Controller('v1/authorizations')
export class AuthorizationsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'The authorizations of your workspaces (as merchant or ISV), optionally of one mini program or workspace' })
  @ApiPageResponse(AuthorizationResponse)
  list(@Query() query: AuthorizationsQuery, @RequestContext() meta: RequestMeta): Promise<Page<AuthorizationView>> {
    const { miniProgramId, workspaceId, status, limit, cursor } = query;
    return this.bus.send(LIST_AUTHORIZATIONS, { miniProgramId, workspaceId, status, limit, cursor }, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One authorization (both parties)' })
  @ApiOkResponse({ type: AuthorizationResponse })
  get(@Param('id', authorizationIdPipe) authorizationId: string, @RequestContext() meta: RequestMeta): Promise<AuthorizationView> {
    return this.bus.send(GET_AUTHORIZATION, { authorizationId }, meta);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change of the authorization with who, when and why, oldest first (both parties)' })
  @ApiOkResponse({ type: HistoryResponse })
  history(@Param('id', authorizationIdPipe) authorizationId: string, @RequestContext() meta: RequestMeta): Promise<HistoryResponse> {
    return this.bus.send(GET_AUTHORIZATION_HISTORY, { authorizationId }, meta);
  }

  @Put(':id/scopes')
  @ApiOperation({ summary: 'Narrow or widen the scopes of an ACTIVE authorization (merchant Owner, Admin); If-Match with its version' })
  @ApiOkResponse({ type: AuthorizationStepResponse })
  changeScopes(@Param('id', authorizationIdPipe) authorizationId: string, @Body() body: ChangeScopesRequest, @RequestContext() meta: RequestMeta): Promise<AuthorizationStepResponse> {
    return this.bus.send(CHANGE_AUTHORIZATION_SCOPES, { authorizationId, scopes: body.scopes }, meta);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an ACTIVE authorization (merchant Owner, Admin): the ISV\'s next request on the mini program is refused' })
  @ApiOkResponse({ type: AuthorizationStepResponse })
  revoke(@Param('id', authorizationIdPipe) authorizationId: string, @RequestContext() meta: RequestMeta): Promise<AuthorizationStepResponse> {
    return this.bus.send(REVOKE_AUTHORIZATION, { authorizationId }, meta);
  }
}
