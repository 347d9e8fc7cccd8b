import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Request as ExpressRequest } from 'express';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import {
  APPLY_TEMPLATE,
  CHECK_TEMPLATE_UPLOAD,
  CREATE_TEMPLATE,
  DEPRECATE_TEMPLATE_VERSION,
  GET_TEMPLATE,
  GET_TEMPLATE_USAGE,
  LIST_WORKSPACE_TEMPLATES,
  MiniProgramView,
  PUBLISH_TEMPLATE_VERSION,
  RequestMeta,
  SET_EXT_CONFIG,
  TemplateUsageItem,
  TemplateVersionView,
  TemplateView,
  UPLOAD_TEMPLATE_VERSION,
  VersionView,
} from '@mpp/contracts';
import { BlobStore } from '@mpp/platform';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { PROBLEM_JSON } from '../../errors/problem-details';
import { Accepts } from '../../http/accepts.decorator';
import { ProblemDetailsSchema } from '../../openapi/problem-details.schema';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { ApiPageResponse, Page } from '../../pagination/page';
import { RequestContext } from '../../request/request-context.decorator';
import { ResourceIdPipe, workspaceIdPipe } from '../workspaces/resource-id.pipe';
import { MiniProgramResponse, VersionResponse } from './miniprograms.dto';
import { BLOB_STORE, receivePackage, UPLOAD_FIELD_MAX } from './package-upload';
import {
  ApplyTemplateRequest,
  CreateTemplateRequest,
  ExtConfigRequest,
  TemplateCreatedResponse,
  TemplateResponse,
  TemplateUsageResponse,
  TemplateVersionResponse,
} from './templates.dto';

const templateIdPipe = new ResourceIdPipe('TEMPLATE_NOT_FOUND', 'no such template');
const miniProgramIdPipe = new ResourceIdPipe('MINI_PROGRAM_NOT_FOUND', 'no such mini program');
/** A version path segment that cannot be a version: 404 as miniprograms would answer. */
const templateVersionPipe = new ResourceIdPipe('TEMPLATE_VERSION_NOT_FOUND', 'no such template version', /^[0-9A-Za-z.+-]{1,64}$/);

/** The refusals a route documents besides the default problem answer, each with what it means there. */
function ApiProblems(problems: Partial<Record<400 | 403 | 404 | 409 | 413 | 415 | 422, string>>) {
  const content = { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } };
  return applyDecorators(...Object.entries(problems).map(([status, description]) => ApiResponse({ status: Number(status), description, content })));
}

/** An ISV workspace's templates (API.md "Templates"): creating one and the list; miniprograms checks the membership. */
@ApiTags('Templates')
@Controller('v1/workspaces/:id/templates')
export class WorkspaceTemplatesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a template (ISV Owner, Admin, Developer) with its ext schema; at most 200 per ISV workspace' })
  @ApiCreatedResponse({ type: TemplateCreatedResponse })
  @ApiProblems({ 400: 'VALIDATION_FAILED, or EXT_SCHEMA_INVALID with `errors` naming each keyword', 403: 'MERCHANTS_CANNOT_CREATE_TEMPLATES, FORBIDDEN_ROLE', 404: 'WORKSPACE_NOT_FOUND', 422: 'TOO_MANY_TEMPLATES' })
  create(@Param('id', workspaceIdPipe) workspaceId: string, @Body() body: CreateTemplateRequest, @RequestContext() meta: RequestMeta): Promise<TemplateCreatedResponse> {
    return this.bus.send(CREATE_TEMPLATE, { workspaceId, name: body.name, description: body.description, category: body.category, targetApps: body.targetApps, extSchema: body.extSchema }, meta);
  }

  @Get()
  @ApiOperation({ summary: 'The workspace\'s templates, newest change first (its members)' })
  @ApiPageResponse(TemplateResponse)
  @ApiProblems({ 404: 'WORKSPACE_NOT_FOUND' })
  list(@Param('id', workspaceIdPipe) workspaceId: string, @Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<TemplateView>> {
    return this.bus.send(LIST_WORKSPACE_TEMPLATES, { workspaceId, limit: query.limit, cursor: query.cursor }, meta);
  }
}

/** One template, its versions and its usage: its ISV's members; signed-in callers see one an ONLINE service offers. */
@ApiTags('Templates')
@Controller('v1/templates/:id')
export class TemplatesController {
  constructor(
    @Inject(REQUEST_BUS) private readonly bus: RequestBus,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A template with its ext schema and versions (its ISV\'s members; any signed-in caller while an ONLINE service offers it, PUBLISHED versions only)' })
  @ApiOkResponse({ type: TemplateResponse })
  @ApiProblems({ 404: 'TEMPLATE_NOT_FOUND' })
  get(@Param('id', templateIdPipe) templateId: string, @RequestContext() meta: RequestMeta): Promise<TemplateView> {
    return this.bus.send(GET_TEMPLATE, { templateId }, meta);
  }

  @Post('versions')
  @ApiOperation({
    summary: 'Upload a template version (ISV Owner, Admin, Developer): multipart fields version, description, then package (a zip of at most 20 MB) → DRAFT',
    description: 'The same upload and zip checks as a mini program version: 413 when too large, 400 PACKAGE_NOT_A_ZIP, PACKAGE_PATH_TRAVERSAL, PACKAGE_ZIP_BOMB. The version is a semantic version greater than every PUBLISHED one.',
  })
  @Accepts('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['version', 'description', 'package'], properties: { version: { type: 'string', example: '1.0.0', maxLength: UPLOAD_FIELD_MAX }, description: { type: 'string', maxLength: UPLOAD_FIELD_MAX }, package: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: TemplateVersionResponse })
  @ApiProblems({ 400: 'VALIDATION_FAILED, PACKAGE_NOT_A_ZIP, PACKAGE_PATH_TRAVERSAL, PACKAGE_ZIP_BOMB', 404: 'TEMPLATE_NOT_FOUND', 409: 'VERSION_EXISTS', 413: 'PAYLOAD_TOO_LARGE', 415: 'not multipart/form-data', 422: 'VERSION_NOT_GREATER, TOO_MANY_VERSIONS' })
  async upload(@Param('id', templateIdPipe) templateId: string, @Req() req: ExpressRequest, @RequestContext() meta: RequestMeta): Promise<TemplateVersionView> {
    const uploaded = await receivePackage(req, this.blobs, (version) => this.bus.send(CHECK_TEMPLATE_UPLOAD, { templateId, version }, meta));
    return this.bus.send(UPLOAD_TEMPLATE_VERSION, { templateId, version: uploaded.version, description: uploaded.description, package: uploaded.package }, meta);
  }

  @Post('versions/:version/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a DRAFT version (ISV Owner, Admin, Developer) → PUBLISHED; it never changes again and may be applied' })
  @ApiOkResponse({ type: TemplateVersionResponse })
  @ApiProblems({ 404: 'TEMPLATE_NOT_FOUND, TEMPLATE_VERSION_NOT_FOUND', 422: 'TEMPLATE_VERSION_NOT_DRAFT, VERSION_NOT_GREATER' })
  publish(@Param('id', templateIdPipe) templateId: string, @Param('version', templateVersionPipe) version: string, @RequestContext() meta: RequestMeta): Promise<TemplateVersionView> {
    return this.bus.send(PUBLISH_TEMPLATE_VERSION, { templateId, version }, meta);
  }

  @Post('versions/:version/deprecate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deprecate a PUBLISHED version (ISV Owner, Admin, Developer) → DEPRECATED: no longer applied; copies already made keep running' })
  @ApiOkResponse({ type: TemplateVersionResponse })
  @ApiProblems({ 404: 'TEMPLATE_NOT_FOUND, TEMPLATE_VERSION_NOT_FOUND', 422: 'TEMPLATE_VERSION_NOT_PUBLISHED; TEMPLATE_IN_USE: the last PUBLISHED version while an ONLINE service offers the template' })
  deprecate(@Param('id', templateIdPipe) templateId: string, @Param('version', templateVersionPipe) version: string, @RequestContext() meta: RequestMeta): Promise<TemplateVersionView> {
    return this.bus.send(DEPRECATE_TEMPLATE_VERSION, { templateId, version }, meta);
  }

  @Get('usage')
  @ApiOperation({ summary: 'The mini programs made from the template, with their merchant, template version, online version and status (its ISV\'s members)' })
  @ApiPageResponse(TemplateUsageResponse)
  @ApiProblems({ 404: 'TEMPLATE_NOT_FOUND' })
  usage(@Param('id', templateIdPipe) templateId: string, @Query() query: ListQueryDto, @RequestContext() meta: RequestMeta): Promise<Page<TemplateUsageItem>> {
    return this.bus.send(GET_TEMPLATE_USAGE, { templateId, limit: query.limit, cursor: query.cursor }, meta);
  }
}

/** A mini program made from a template: applying a version of it (UPLOAD) and its stored ext config (CONFIGURE). */
@ApiTags('Templates')
@Controller('v1/mini-programs/:id')
export class MiniProgramTemplatesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post('versions/from-template')
  @ApiOperation({
    summary: 'Apply a PUBLISHED version of your ISV\'s template (UPLOAD) → a new UPLOADED version with the template version\'s package',
    description: 'The package is the template version\'s (same SHA-256 and size, nothing uploaded again); the version records the template, its version and the ext config. The usual version rules hold (greater than every released version, at most 20 in development).',
  })
  @ApiCreatedResponse({ type: VersionResponse })
  @ApiProblems({ 400: 'VALIDATION_FAILED', 404: 'MINI_PROGRAM_NOT_FOUND, TEMPLATE_NOT_FOUND, TEMPLATE_VERSION_NOT_FOUND', 409: 'VERSION_EXISTS', 422: 'TEMPLATE_VERSION_NOT_PUBLISHED, EXT_CONFIG_INVALID (with `errors` by setting), EXT_CONFIG_MISSING, VERSION_NOT_GREATER, TOO_MANY_VERSIONS' })
  apply(@Param('id', miniProgramIdPipe) miniProgramId: string, @Body() body: ApplyTemplateRequest, @RequestContext() meta: RequestMeta): Promise<VersionView> {
    const { templateId, templateVersion, version, description, extConfig } = body;
    return this.bus.send(APPLY_TEMPLATE, { miniProgramId, templateId, templateVersion, version, description, extConfig }, meta);
  }

  @Put('ext-config')
  @ApiOperation({ summary: 'Store the ext config the next application of the template uses (CONFIGURE), checked against the template\'s newest PUBLISHED version' })
  @ApiOkResponse({ type: MiniProgramResponse })
  @ApiProblems({ 400: 'VALIDATION_FAILED', 404: 'MINI_PROGRAM_NOT_FOUND, TEMPLATE_NOT_FOUND', 422: 'EXT_CONFIG_INVALID (with `errors` by setting), TEMPLATE_VERSION_NOT_PUBLISHED (no PUBLISHED version)' })
  extConfig(@Param('id', miniProgramIdPipe) miniProgramId: string, @Body() body: ExtConfigRequest, @RequestContext() meta: RequestMeta): Promise<MiniProgramView> {
    return this.bus.send(SET_EXT_CONFIG, { miniProgramId, templateId: body.templateId, extConfig: body.extConfig }, meta);
  }
}

/** The template routes (API.md "Templates"); GatewayRoutesModule mounts them. */
export const templatesControllers = [WorkspaceTemplatesController, TemplatesController, MiniProgramTemplatesController];
