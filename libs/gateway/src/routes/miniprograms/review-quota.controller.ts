import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EXPEDITE_VERSION, GET_REVIEW_QUOTA, RequestMeta, ReviewQuotaView, SET_REVIEW_QUOTA, VersionExpeditedReply } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Roles } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { workspaceIdPipe } from '../workspaces/resource-id.pipe';
import { miniProgramIdPipe, versionPipe } from './mini-programs.controller';
import { ReviewQuotaResponse, SetReviewQuotaRequest, VersionExpeditedResponse } from './review-quota.dto';

/** A workspace's monthly review quota (API.md "Review quota"): its members read it, platform operators set it. */
@ApiTags('Review quota')
@Controller('v1/workspaces/:id/review-quota')
export class ReviewQuotaController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @ApiOperation({ summary: 'This month\'s review quota and expedites (UTC) of the workspace (its members; platform operators)' })
  @ApiOkResponse({ type: ReviewQuotaResponse })
  get(@Param('id', workspaceIdPipe) workspaceId: string, @RequestContext() meta: RequestMeta): Promise<ReviewQuotaView> {
    return this.bus.send(GET_REVIEW_QUOTA, { workspaceId }, meta);
  }

  @Put()
  @Roles('OPERATOR')
  @ApiOperation({
    summary: 'Set the workspace\'s monthly limit of submissions for review (platform operators)',
    description: 'It holds from now on, this month and later ones; units already used this month stay used. Past the limit a submission is 429 REVIEW_QUOTA_EXHAUSTED.',
  })
  @ApiOkResponse({ type: ReviewQuotaResponse })
  set(@Param('id', workspaceIdPipe) workspaceId: string, @Body() body: SetReviewQuotaRequest, @RequestContext() meta: RequestMeta): Promise<ReviewQuotaView> {
    return this.bus.send(SET_REVIEW_QUOTA, { workspaceId, limit: body.limit }, meta);
  }
}

/** Expediting a version in review: the reviewers see it first. */
@ApiTags('Mini programs')
@Controller('v1/mini-programs/:id/versions/:version/expedite')
export class ExpediteVersionController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Expedite a version IN_REVIEW (SUBMIT_REVIEW): first in the reviewers\' queue',
    description: 'Uses one of the paying workspace\'s 3 expedites this month (the ISV\'s; a merchant\'s own for its own mini program): a 4th is 429 EXPEDITE_QUOTA_EXHAUSTED. Not IN_REVIEW: 422 VERSION_NOT_IN_REVIEW. Expediting it again answers the same and uses none.',
  })
  @ApiOkResponse({ type: VersionExpeditedResponse })
  expedite(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta): Promise<VersionExpeditedReply> {
    return this.bus.send(EXPEDITE_VERSION, { miniProgramId, version }, meta);
  }
}

export const reviewQuotaControllers = [ReviewQuotaController, ExpediteVersionController];
