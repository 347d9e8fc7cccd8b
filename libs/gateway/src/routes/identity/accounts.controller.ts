import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { REGISTER_ACCOUNT, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Public } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { AccountCreatedResponse, RegisterAccountRequest } from './identity.dto';

/** Signing up. */
@ApiTags('Identity')
@Controller('v1/accounts')
export class AccountsController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'Register an account',
    description: 'Needs a SIGN_UP code sent to the email address (POST /v1/verification-codes) and acceptance of the Terms of Service.',
  })
  @ApiCreatedResponse({ type: AccountCreatedResponse })
  register(@Body() body: RegisterAccountRequest, @RequestContext() meta: RequestMeta): Promise<AccountCreatedResponse> {
    const { email, code, username, password, acceptTerms } = body;
    return this.bus.send(REGISTER_ACCOUNT, { email, code, username, password, acceptTerms }, meta);
  }
}
