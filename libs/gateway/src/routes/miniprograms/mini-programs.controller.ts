import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CREATE_MINI_PROGRAM, CreateMiniProgramPayload, GET_MINI_PROGRAM, LIST_WORKSPACE_MINI_PROGRAMS, MiniProgramView, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe, workspaceIdPipe } from '../workspaces/resource-id.pipe';
import { CreateMiniProgramRequest, MiniProgramCreatedResponse, MiniProgramResponse } from './miniprograms.dto';

const miniProgramIdPipe = new ResourceIdPipe('MINI_PROGRAM_NOT_FOUND', 'no such mini program');

/** A merchant workspace's mini programs: creating one and the list (its members). */
@ApiTags('Mini programs')
@Controller('v1/workspaces/:id/mini-programs')
export class WorkspaceMiniProgramsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a mini program (merchant members); it belongs to the workspace' })
  @ApiCreatedResponse({ type: MiniProgramCreatedResponse })
  create(@Param('id', workspaceIdPipe) workspaceId: string, @Body() body: CreateMiniProgramRequest, @RequestContext() meta: RequestMeta): Promise<MiniProgramCreatedResponse> {
    const payload: CreateMiniProgramPayload = { workspaceId, name: body.name, description: body.description, category: body.category, targetApps: body.targetApps };
    return this.bus.request('miniprograms', { type: CREATE_MINI_PROGRAM, payload, meta });
  }

  @Get()
  @ApiOperation({ summary: 'The workspace\'s mini programs (its members)' })
  @ApiPageResponse(MiniProgramResponse)
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<MiniProgramView>> {
    return this.bus.request('miniprograms', { type: LIST_WORKSPACE_MINI_PROGRAMS, payload: { workspaceId, limit: query.limit, cursor: query.cursor }, meta });
  }
}

/** One mini program: its merchant's members and the members of an ISV it has authorized see it. */
@ApiTags('Mini programs')
@Controller('v1/mini-programs')
export class MiniProgramsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'A mini program with its status, online and trial versions (owner merchant, authorized ISV)' })
  @ApiOkResponse({ type: MiniProgramResponse })
  get(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta): Promise<MiniProgramView> {
    return this.bus.request('miniprograms', { type: GET_MINI_PROGRAM, payload: { miniProgramId }, meta });
  }
}

export const miniprogramsControllers = [WorkspaceMiniProgramsController, MiniProgramsController];
