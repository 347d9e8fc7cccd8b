import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { INVITE_MEMBER, InvitationView, LIST_WORKSPACE_INVITATIONS, RequestMeta, WITHDRAW_INVITATION } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { invitationIdPipe, workspaceIdPipe } from './resource-id.pipe';
import { InvitationCreatedResponse, InvitationResponse, InviteMemberRequest } from './workspaces.dto';

/** Inviting people into a workspace by email; the invitee answers at /v1/invitations/{id}. */
@ApiTags('Workspaces')
@Controller('v1/workspaces/:id/invitations')
export class WorkspaceInvitationsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({ summary: 'Invite someone by email with a role (Owner, Admin); the invitation is valid 3 days' })
  @ApiCreatedResponse({ type: InvitationCreatedResponse })
  invite(
    @Param('id', workspaceIdPipe) workspaceId: string,
    @Body() body: InviteMemberRequest,
    @RequestContext() meta: RequestMeta,
  ): Promise<InvitationCreatedResponse> {
    return this.bus.send(INVITE_MEMBER, { workspaceId, email: body.email, role: body.role }, meta);
  }

  @Get()
  @ApiOperation({ summary: 'The workspace\'s invitations' })
  @ApiPageResponse(InvitationResponse)
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<InvitationView>> {
    return this.bus.send(LIST_WORKSPACE_INVITATIONS, { workspaceId, limit: query.limit, cursor: query.cursor }, meta);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a pending invitation (Owner, Admin)' })
  @ApiNoContentResponse({ description: 'The invitation can no longer be accepted.' })
  async withdraw(
    @Param('id', workspaceIdPipe) workspaceId: string,
    @Param('invitationId', invitationIdPipe) invitationId: string,
    @RequestContext() meta: RequestMeta,
  ): Promise<void> {
    await this.bus.send(WITHDRAW_INVITATION, { workspaceId, invitationId }, meta);
  }
}
