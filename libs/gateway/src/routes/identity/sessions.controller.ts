import { Body, Controller, Delete, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { END_SESSION, REFRESH_SESSION, RequestMeta, SessionTokens, START_SESSION } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Public } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { RefreshSessionRequest, SessionTokensResponse, StartSessionRequest } from './identity.dto';

/** Signing in, staying signed in and signing out. */
@ApiTags('Identity')
@Controller('v1/sessions')
export class SessionsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @Public()
  @ApiOperation({ summary: 'Sign in with email or username and password; answers an access and a refresh token' })
  @ApiCreatedResponse({ type: SessionTokensResponse })
  start(@Body() body: StartSessionRequest, @RequestContext() meta: RequestMeta): Promise<SessionTokens> {
    return this.bus.send(START_SESSION, { login: body.login, password: body.password }, meta);
  }

  @Post('refresh')
  @Public()
  @ApiOperation({ summary: 'Trade a refresh token for a new pair; each refresh token works once' })
  @ApiCreatedResponse({ type: SessionTokensResponse })
  refresh(@Body() body: RefreshSessionRequest, @RequestContext() meta: RequestMeta): Promise<SessionTokens> {
    return this.bus.send(REFRESH_SESSION, { refreshToken: body.refreshToken }, meta);
  }

  @Delete('current')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session of the access token, so its refresh token stops working' })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async end(@RequestContext() meta: RequestMeta): Promise<void> {
    // identity reads the session from meta.actor.sessionId.
    await this.bus.send(END_SESSION, {}, meta);
  }
}
