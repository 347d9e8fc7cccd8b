import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response as ExpressResponse } from 'express';
import { GET_WORKSPACE, GET_WORKSPACE_LOGO, RequestMeta, WorkspaceView } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Public } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { workspaceIdPipe } from './resource-id.pipe';
import { WorkspaceResponse } from './workspaces.dto';

/** How long browsers and proxies may keep a logo; a replaced one shows within this time. */
const LOGO_CACHE_CONTROL = 'public, max-age=300';
// The default logo is SVG: should someone open it directly, it may not run scripts or load anything.
const LOGO_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** A workspace as members and everyone else see it, and its logo. */
@ApiTags('Workspaces')
@Controller('v1/workspaces')
export class WorkspacesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A workspace',
    description: 'Every signed-in user sees the public part (name, type, logo); members also see the company details and their role.',
  })
  @ApiOkResponse({ type: WorkspaceResponse })
  get(@Param('id', workspaceIdPipe) workspaceId: string, @RequestContext() meta: RequestMeta): Promise<WorkspaceView> {
    return this.bus.send(GET_WORKSPACE, { workspaceId }, meta);
  }

  @Get(':id/logo')
  @Public()
  @ApiOperation({ summary: 'The workspace\'s logo: the uploaded PNG or JPEG, or a generated SVG (anyone)' })
  @ApiProduces('image/png', 'image/jpeg', 'image/svg+xml')
  @ApiOkResponse({ description: 'The image.', schema: { type: 'string', format: 'binary' } })
  async logo(
    @Param('id', workspaceIdPipe) workspaceId: string,
    @RequestContext() meta: RequestMeta,
    @Res({ passthrough: true }) res: ExpressResponse,
  ): Promise<StreamableFile> {
    const logo = await this.bus.send(GET_WORKSPACE_LOGO, { workspaceId }, meta);
    const image = Buffer.from(logo.dataBase64, 'base64');
    // Set only once the logo is there, so error answers are not cached as if they were the image.
    res.setHeader('Cache-Control', LOGO_CACHE_CONTROL);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', LOGO_CONTENT_SECURITY_POLICY);
    return new StreamableFile(image, { type: logo.contentType, length: image.length });
  }
}
