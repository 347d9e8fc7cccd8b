import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import type { Request as ExpressRequest } from 'express';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADD_MINI_PROGRAM_MEMBER,
  APPROVE_VERSION,
  BRING_ONLINE,
  CANCEL_GRAY,
  CHECK_UPLOAD,
  COMPLETE_GRAY,
  CREATE_MINI_PROGRAM,
  DELETE_VERSION,
  EDIT_MINI_PROGRAM,
  Domains,
  GET_MINI_PROGRAM,
  GET_MINI_PROGRAM_HISTORY,
  GET_VERSION,
  GET_VERSION_HISTORY,
  LIST_MINI_PROGRAM_MEMBERS,
  LIST_VERSIONS,
  LIST_VERSIONS_FOR_REVIEW,
  LIST_WORKSPACE_MINI_PROGRAMS,
  MiniProgramView,
  REJECT_VERSION,
  RELEASE_VERSION,
  REMOVE_MINI_PROGRAM_MEMBER,
  RequestMeta,
  ROLLBACK,
  SET_BUSINESS_PARAMS,
  SET_DOMAINS,
  SET_TRIAL,
  SUBMIT_VERSION,
  TAKE_OFFLINE,
  UPLOAD_VERSION,
  VersionView,
  WITHDRAW_VERSION,
} from '@mpp/contracts';
import { BlobStore } from '@mpp/platform';
import { changesOf } from '../../validation/patch-body';
import { Roles } from '../../auth/auth.decorators';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { AcceptsUploadKey } from '../../auth/upload-key.guard';
import { Accepts } from '../../http/accepts.decorator';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { memberIdPipe, ResourceIdPipe, workspaceIdPipe } from '../workspaces/resource-id.pipe';
import { BLOB_STORE, receivePackage, UPLOAD_FIELD_MAX } from './package-upload';
import {
  AddMemberRequest,
  BusinessParamsRequest,
  CreateMiniProgramRequest,
  DomainsRequest,
  EditMiniProgramRequest,
  ItemsResponse,
  MemberResponse,
  MiniProgramCreatedResponse,
  MiniProgramResponse,
  RejectVersionRequest,
  ReleaseVersionRequest,
  SubmitVersionRequest,
  VersionResponse,
  VersionStatusQuery,
} from './miniprograms.dto';

export const miniProgramIdPipe = new ResourceIdPipe('MINI_PROGRAM_NOT_FOUND', 'no such mini program');

/** A merchant workspace's mini programs: creating one and the list (its members). */
@ApiTags('Mini programs')
@Controller('v1/workspaces/:id/mini-programs')
export class WorkspaceMiniProgramsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a mini program (merchant members); it belongs to the workspace' })
  @ApiCreatedResponse({ type: MiniProgramCreatedResponse })
  create(@Param('id', workspaceIdPipe) workspaceId: string, @Body() body: CreateMiniProgramRequest, @RequestContext() meta: RequestMeta): Promise<MiniProgramCreatedResponse> {
    return this.bus.send(CREATE_MINI_PROGRAM, { workspaceId, name: body.name, description: body.description, category: body.category, targetApps: body.targetApps }, meta);
  }

  @Get()
  @ApiOperation({ summary: 'The workspace\'s mini programs (its members)' })
  @ApiPageResponse(MiniProgramResponse)
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<MiniProgramView>> {
    return this.bus.send(LIST_WORKSPACE_MINI_PROGRAMS, { workspaceId, limit: query.limit, cursor: query.cursor }, meta);
  }
}

/** A version path segment that cannot be a version: 404 as miniprograms would answer. */
export const versionPipe = new ResourceIdPipe('VERSION_NOT_FOUND', 'no such version', /^[0-9A-Za-z.+-]{1,64}$/);

/**
 * One mini program and everything done on it (API.md "Mini programs"): its merchant's members act on it, an ISV
 * member with the authorization scope each step needs (miniprograms checks), reviewers decide versions.
 */
@ApiTags('Mini programs')
@Controller('v1/mini-programs/:id')
export class MiniProgramsController {
  constructor(
    @Inject(REQUEST_BUS) private readonly bus: RequestBus,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A mini program with its status, online, trial and gray versions, domains and business parameters (owner merchant, authorized ISV)' })
  @ApiOkResponse({ type: MiniProgramResponse })
  get(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta): Promise<MiniProgramView> {
    return this.bus.send(GET_MINI_PROGRAM, { miniProgramId }, meta);
  }

  @Patch()
  @ApiOperation({
    summary: 'Change its name, description, category or target apps (merchant members; an ISV with CONFIGURE); send If-Match with the version you saw',
    description: 'Fields left out keep their values; 412 when If-Match is stale. The change is an event in its history.',
  })
  @ApiOkResponse({ type: MiniProgramResponse })
  edit(@Param('id', miniProgramIdPipe) miniProgramId: string, @Body() body: EditMiniProgramRequest, @RequestContext() meta: RequestMeta): Promise<MiniProgramView> {
    return this.bus.send(EDIT_MINI_PROGRAM, { miniProgramId, ...changesOf(body) }, meta);
  }

  @Get('members')
  @ApiOperation({ summary: 'Its developers and testers' })
  @ApiOkResponse({ type: ItemsResponse })
  members(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta): Promise<ItemsResponse> {
    return this.bus.send(LIST_MINI_PROGRAM_MEMBERS, { miniProgramId }, meta);
  }

  @Post('members')
  @ApiOperation({ summary: 'Add a developer or tester (merchant; ISV with MEMBERS): an account of your workspace or the merchant\'s' })
  @ApiCreatedResponse({ type: MemberResponse })
  addMember(@Param('id', miniProgramIdPipe) miniProgramId: string, @Body() body: AddMemberRequest, @RequestContext() meta: RequestMeta): Promise<MemberResponse> {
    return this.bus.send(ADD_MINI_PROGRAM_MEMBER, { miniProgramId, accountId: body.accountId, role: body.role }, meta);
  }

  @Delete('members/:accountId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a developer or tester (merchant; ISV with MEMBERS)' })
  @ApiNoContentResponse()
  async removeMember(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('accountId', memberIdPipe) accountId: string, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(REMOVE_MINI_PROGRAM_MEMBER, { miniProgramId, accountId }, meta);
  }

  @Post('versions')
  @AcceptsUploadKey()
  @ApiOperation({
    summary: 'Upload a version (merchant; ISV with UPLOAD; or an upload key of this mini program): multipart fields version, description, then package (a zip of at most 20 MB)',
    description:
      'The package is streamed to the blob store and checked as a zip: 413 when too large, 400 PACKAGE_NOT_A_ZIP, PACKAGE_PATH_TRAVERSAL, PACKAGE_ZIP_BOMB. The version is a semantic version greater than every released one. A CI sends `Authorization: Bearer <upload key>` instead of an access token: 401 UPLOAD_KEY_INVALID when it is unknown, revoked, expired or its ISV\'s authorization has ended; 403 KEY_NOT_FOR_MINI_PROGRAM, 403 IP_NOT_ALLOWED.',
  })
  @Accepts('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['version', 'description', 'package'], properties: { version: { type: 'string', example: '1.0.0', maxLength: UPLOAD_FIELD_MAX }, description: { type: 'string', maxLength: UPLOAD_FIELD_MAX }, package: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: VersionResponse })
  async upload(@Param('id', miniProgramIdPipe) miniProgramId: string, @Req() req: ExpressRequest, @RequestContext() meta: RequestMeta): Promise<VersionResponse> {
    const uploaded = await receivePackage(req, this.blobs, (version) => this.bus.send(CHECK_UPLOAD, { miniProgramId, version }, meta));
    return this.bus.send(UPLOAD_VERSION, { miniProgramId, version: uploaded.version, description: uploaded.description, package: uploaded.package }, meta);
  }

  @Get('versions')
  @ApiOperation({ summary: 'Its versions, newest upload first' })
  @ApiOkResponse({ type: ItemsResponse })
  versions(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta): Promise<ItemsResponse> {
    return this.bus.send(LIST_VERSIONS, { miniProgramId }, meta);
  }

  @Get('versions/:version')
  @ApiOperation({ summary: 'One version: status, package hash and size, reason, release mode, gray percent' })
  @ApiOkResponse({ type: VersionResponse })
  version(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta): Promise<VersionView> {
    return this.bus.send(GET_VERSION, { miniProgramId, version }, meta);
  }

  @Get('versions/:version/history')
  @ApiOperation({ summary: 'Every transition of one version, oldest first' })
  @ApiOkResponse({ type: ItemsResponse })
  versionHistory(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta): Promise<ItemsResponse> {
    return this.bus.send(GET_VERSION_HISTORY, { miniProgramId, version }, meta);
  }

  @Delete('versions/:version')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a version still UPLOADED (UPLOAD)' })
  @ApiNoContentResponse()
  async deleteVersion(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(DELETE_VERSION, { miniProgramId, version }, meta);
  }

  @Post('versions/:version/trial')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make it the trial version testers get (UPLOAD)' })
  trial(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(SET_TRIAL, { miniProgramId, version }, meta);
  }

  @Post('versions/:version/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit it for review (SUBMIT_REVIEW) → IN_REVIEW; one version at a time is in review, approved or in gray (409)' })
  @ApiOkResponse({ type: VersionResponse })
  submit(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @Body() body: SubmitVersionRequest, @RequestContext() meta: RequestMeta) {
    return this.bus.send(SUBMIT_VERSION, { miniProgramId, version, releaseMode: body.releaseMode, note: body.note }, meta);
  }

  @Post('versions/:version/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw it from review (SUBMIT_REVIEW) → UPLOADED; at most 5 a day per mini program (429)' })
  @ApiOkResponse({ type: VersionResponse })
  withdraw(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(WITHDRAW_VERSION, { miniProgramId, version }, meta);
  }

  @Post('versions/:version/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release an APPROVED version (RELEASE): fully → RELEASED, or to 10, 30 or 50 percent → GRAY; a version in GRAY released without a percentage is widened to everyone → RELEASED' })
  @ApiOkResponse({ type: VersionResponse })
  release(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @Body() body: ReleaseVersionRequest, @RequestContext() meta: RequestMeta) {
    return this.bus.send(RELEASE_VERSION, { miniProgramId, version, grayPercent: body.grayPercent }, meta);
  }

  @Post('versions/:version/gray/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Widen the gray release to everyone (RELEASE) → RELEASED' })
  @ApiOkResponse({ type: VersionResponse })
  completeGray(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(COMPLETE_GRAY, { miniProgramId, version }, meta);
  }

  @Post('versions/:version/gray/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the gray release (RELEASE) → APPROVED' })
  @ApiOkResponse({ type: VersionResponse })
  cancelGray(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(CANCEL_GRAY, { miniProgramId, version }, meta);
  }

  @Post('rollback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Go back to the previous released version (RELEASE); the last 5 are kept' })
  @ApiOkResponse({ type: MiniProgramResponse })
  rollback(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(ROLLBACK, { miniProgramId }, meta);
  }

  @Post('offline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the mini program offline (RELEASE)' })
  @ApiOkResponse({ type: MiniProgramResponse })
  offline(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(TAKE_OFFLINE, { miniProgramId }, meta);
  }

  @Post('online')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring it back online (RELEASE)' })
  @ApiOkResponse({ type: MiniProgramResponse })
  online(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta) {
    return this.bus.send(BRING_ONLINE, { miniProgramId }, meta);
  }

  @Put('domains')
  @ApiOperation({ summary: 'Set the server and web-view domains (CONFIGURE); each list replaces the one before' })
  @ApiOkResponse({ type: MiniProgramResponse })
  domains(@Param('id', miniProgramIdPipe) miniProgramId: string, @Body() body: DomainsRequest, @RequestContext() meta: RequestMeta) {
    const domains: Domains = { request: body.request ?? [], upload: body.upload ?? [], download: body.download ?? [], socket: body.socket ?? [], webview: body.webview ?? [] };
    return this.bus.send(SET_DOMAINS, { miniProgramId, domains }, meta);
  }

  @Put('business-params')
  @ApiOperation({ summary: 'Set the business parameters (CONFIGURE)' })
  @ApiOkResponse({ type: MiniProgramResponse })
  businessParams(@Param('id', miniProgramIdPipe) miniProgramId: string, @Body() body: BusinessParamsRequest, @RequestContext() meta: RequestMeta) {
    return this.bus.send(SET_BUSINESS_PARAMS, { miniProgramId, params: body.params }, meta);
  }

  @Get('history')
  @ApiOperation({ summary: 'Every transition of the mini program and its versions, oldest first' })
  @ApiOkResponse({ type: ItemsResponse })
  history(@Param('id', miniProgramIdPipe) miniProgramId: string, @RequestContext() meta: RequestMeta): Promise<ItemsResponse> {
    return this.bus.send(GET_MINI_PROGRAM_HISTORY, { miniProgramId }, meta);
  }
}

/** Platform reviewers: the queue of versions across all mini programs, and their decisions. */
@ApiTags('Mini programs')
@Controller('v1/review')
@Roles('REVIEWER')
export class ReviewVersionsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get('versions')
  @ApiOperation({ summary: 'Versions of a status across all mini programs (IN_REVIEW by default), oldest first (reviewers)' })
  @ApiPageResponse(VersionResponse)
  queue(@Query() query: VersionStatusQuery, @RequestContext() meta: RequestMeta): Promise<Page<VersionView>> {
    return this.bus.send(LIST_VERSIONS_FOR_REVIEW, { status: query.status, limit: query.limit, cursor: query.cursor }, meta);
  }

  @Post('mini-programs/:id/versions/:version/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a version in review → APPROVED (RELEASED when submitted with AUTO)' })
  @ApiOkResponse({ type: VersionResponse })
  approve(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @RequestContext() meta: RequestMeta): Promise<VersionView> {
    return this.bus.send(APPROVE_VERSION, { miniProgramId, version }, meta);
  }

  @Post('mini-programs/:id/versions/:version/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a version in review with the reason the ISV should fix → REJECTED' })
  @ApiOkResponse({ type: VersionResponse })
  reject(@Param('id', miniProgramIdPipe) miniProgramId: string, @Param('version', versionPipe) version: string, @Body() body: RejectVersionRequest, @RequestContext() meta: RequestMeta): Promise<VersionView> {
    return this.bus.send(REJECT_VERSION, { miniProgramId, version, reason: body.reason }, meta);
  }
}

export const miniprogramsControllers = [WorkspaceMiniProgramsController, MiniProgramsController, ReviewVersionsController];
