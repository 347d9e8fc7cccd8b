import { Controller, Delete, Get, HttpCode, Inject, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LIST_WORKSPACE_MEMBERS, MemberView, REMOVE_MEMBER, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { memberIdPipe, workspaceIdPipe } from './resource-id.pipe';
import { MemberResponse } from './workspaces.dto';

/** A workspace's members; identity decides who may see and remove them. */
@ApiTags('Workspaces')
@Controller('v1/workspaces/:id/members')
export class WorkspaceMembersController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'The workspace\'s members (members)' })
  @ApiPageResponse(MemberResponse)
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<MemberView>> {
    return this.bus.send(LIST_WORKSPACE_MEMBERS, { workspaceId, limit: query.limit, cursor: query.cursor }, meta);
  }

  @Delete(':accountId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (Owner, Admin); the Owner cannot be removed' })
  @ApiNoContentResponse({ description: 'The account is no longer a member.' })
  async remove(
    @Param('id', workspaceIdPipe) workspaceId: string,
    @Param('accountId', memberIdPipe) accountId: string,
    @RequestContext() meta: RequestMeta,
  ): Promise<void> {
    await this.bus.send(REMOVE_MEMBER, { workspaceId, accountId }, meta);
  }
}
