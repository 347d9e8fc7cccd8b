import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCEPT_INVITATION, DECLINE_INVITATION, InvitationAcceptedReply, InvitationDeclinedReply, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { RequestContext } from '../../request/request-context.decorator';
import { invitationIdPipe } from './resource-id.pipe';

/** The invitee's answer to an invitation; identity checks the invitation was sent to the caller's email. */
@ApiTags('Workspaces')
@Controller('v1/invitations/:id')
export class InvitationsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: the caller becomes a member with its role (the invitee)' })
  @ApiOkResponse({ description: 'Accepted; identity\'s answer.' })
  accept(@Param('id', invitationIdPipe) invitationId: string, @RequestContext() meta: RequestMeta): Promise<InvitationAcceptedReply> {
    return this.bus.send(ACCEPT_INVITATION, { invitationId }, meta);
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline an invitation (the invitee)' })
  @ApiOkResponse({ description: 'Declined; identity\'s answer.' })
  decline(@Param('id', invitationIdPipe) invitationId: string, @RequestContext() meta: RequestMeta): Promise<InvitationDeclinedReply> {
    return this.bus.send(DECLINE_INVITATION, { invitationId }, meta);
  }
}
