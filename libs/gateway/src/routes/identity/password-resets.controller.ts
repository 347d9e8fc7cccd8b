import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestMeta, RESET_PASSWORD } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Public } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { ResetPasswordRequest } from './identity.dto';

/** Setting a new password with an emailed code. */
@ApiTags('Identity')
@Controller('v1/password-resets')
export class PasswordResetsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password',
    description: 'Needs a RESET_PASSWORD code sent to the email address (POST /v1/verification-codes).',
  })
  @ApiNoContentResponse({ description: 'The password is changed.' })
  async reset(@Body() body: ResetPasswordRequest, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(RESET_PASSWORD, { email: body.email, code: body.code, newPassword: body.newPassword }, meta);
  }
}
