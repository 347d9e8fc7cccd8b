import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BatchJobItemView,
  BatchJobStatusReply,
  BatchJobView,
  CANCEL_BATCH_JOB,
  GET_BATCH_JOB,
  LIST_BATCH_JOB_ITEMS,
  LIST_WORKSPACE_BATCH_JOBS,
  PAUSE_BATCH_JOB,
  RequestMeta,
  RESUME_BATCH_JOB,
  RETRY_FAILED_BATCH_ITEMS,
  START_BATCH_JOB,
} from '@mpp/contracts';
import { AppError } from '@mpp/platform';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe, workspaceIdPipe } from '../workspaces/resource-id.pipe';
import {
  BatchItemStatusQuery,
  BatchJobItemResponse,
  BatchJobResponse,
  BatchJobStartedResponse,
  BatchJobStatusResponse,
  StartBatchJobRequest,
} from './batch-jobs.dto';

const batchJobIdPipe = new ResourceIdPipe('BATCH_JOB_NOT_FOUND', 'no such batch job');

/** An ISV workspace's batch jobs: starting one and the list (DOMAIN.md 5 "Batch jobs"). */
@ApiTags('Batch jobs')
@Controller('v1/workspaces/:id/batch-jobs')
export class WorkspaceBatchJobsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run one step across many mini programs (ISV Owner, Admin, Developer) → RUNNING',
    description:
      'Each item is the request a single call would send, as you, with every rule applied; a FAILED item carries the code and message that request would get. Follow it with GET /v1/batch-jobs/{id}.',
  })
  @ApiAcceptedResponse({ type: BatchJobStartedResponse })
  start(@Param('id', workspaceIdPipe) workspaceId: string, @Body() body: StartBatchJobRequest, @RequestContext() meta: RequestMeta): Promise<BatchJobStartedResponse> {
    const { miniProgramIds, templateId } = body.targets;
    if ((miniProgramIds === undefined) === (templateId === undefined)) {
      throw AppError.badInput('name the targets one way', [{ field: 'targets', message: 'either miniProgramIds or templateId' }]);
    }
    const targets = templateId !== undefined ? { templateId } : { miniProgramIds: miniProgramIds as string[] };
    const params = { ...body.params };
    // APPLY_TEMPLATE over a template's mini programs applies that template unless params name it.
    if (body.kind === 'APPLY_TEMPLATE' && params.templateId === undefined && templateId !== undefined) params.templateId = templateId;
    return this.bus.send(START_BATCH_JOB, { workspaceId, kind: body.kind, targets, params, ...(body.options ? { options: { ...body.options } } : {}) }, meta);
  }

  @Get()
  @ApiOperation({ summary: 'The workspace\'s batch jobs, newest first (its members)' })
  @ApiPageResponse(BatchJobResponse)
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<BatchJobView>> {
    return this.bus.send(LIST_WORKSPACE_BATCH_JOBS, { workspaceId, limit: query.limit, cursor: query.cursor }, meta);
  }
}

/** One batch job: its progress, its items, and the members' pause, resume, cancel and retry of the failed items. */
@ApiTags('Batch jobs')
@Controller('v1/batch-jobs/:id')
export class BatchJobsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'The job with its status and its items\' counts (the ISV\'s members)' })
  @ApiOkResponse({ type: BatchJobResponse })
  get(@Param('id', batchJobIdPipe) jobId: string, @RequestContext() meta: RequestMeta): Promise<BatchJobView> {
    return this.bus.send(GET_BATCH_JOB, { jobId }, meta);
  }

  @Get('items')
  @ApiOperation({ summary: 'Its items in the order they were listed, of one status if asked' })
  @ApiPageResponse(BatchJobItemResponse)
  items(@Param('id', batchJobIdPipe) jobId: string, @Query() query: BatchItemStatusQuery, @RequestContext() meta: RequestMeta): Promise<Page<BatchJobItemView>> {
    return this.bus.send(LIST_BATCH_JOB_ITEMS, { jobId, status: query.status, limit: query.limit, cursor: query.cursor }, meta);
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause it → PAUSED: items under way finish, PENDING ones wait' })
  @ApiOkResponse({ type: BatchJobStatusResponse })
  pause(@Param('id', batchJobIdPipe) jobId: string, @RequestContext() meta: RequestMeta): Promise<BatchJobStatusReply> {
    return this.bus.send(PAUSE_BATCH_JOB, { jobId }, meta);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a PAUSED job → RUNNING: its PENDING items run' })
  @ApiOkResponse({ type: BatchJobStatusResponse })
  resume(@Param('id', batchJobIdPipe) jobId: string, @RequestContext() meta: RequestMeta): Promise<BatchJobStatusReply> {
    return this.bus.send(RESUME_BATCH_JOB, { jobId }, meta);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel it → CANCELED: its PENDING items are SKIPPED, items under way finish' })
  @ApiOkResponse({ type: BatchJobStatusResponse })
  cancel(@Param('id', batchJobIdPipe) jobId: string, @RequestContext() meta: RequestMeta): Promise<BatchJobStatusReply> {
    return this.bus.send(CANCEL_BATCH_JOB, { jobId }, meta);
  }

  @Post('retry-failed')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put the FAILED items back to PENDING (each a new attempt) and run them → RUNNING' })
  @ApiOkResponse({ type: BatchJobStatusResponse })
  retryFailed(@Param('id', batchJobIdPipe) jobId: string, @RequestContext() meta: RequestMeta): Promise<BatchJobStatusReply> {
    return this.bus.send(RETRY_FAILED_BATCH_ITEMS, { jobId }, meta);
  }
}

export const batchJobsControllers = [WorkspaceBatchJobsController, BatchJobsController];
