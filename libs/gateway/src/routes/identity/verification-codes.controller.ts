import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { REQUEST_VERIFICATION_CODE, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Public } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { RequestVerificationCodeRequest } from './identity.dto';

/** Codes proving the caller reads an email address, for signing up and for resetting a password. */
@ApiTags('Identity')
@Controller('v1/verification-codes')
export class VerificationCodesController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Email a 6-digit verification code',
    description: 'Answers 202 whether or not the address has an account, so it reveals nothing; 429 when a code was requested too recently.',
  })
  @ApiAcceptedResponse({ description: 'Accepted; the code, if one is due, is on its way. No body.' })
  async request(@Body() body: RequestVerificationCodeRequest, @RequestContext() meta: RequestMeta): Promise<void> {
    await this.bus.send(REQUEST_VERIFICATION_CODE, { email: body.email, purpose: body.purpose }, meta);
  }
}
