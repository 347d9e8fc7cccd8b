import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GET_MAILBOX, Mailbox, RequestMeta } from '@mpp/contracts';
import { REQUEST_BUS, RequestBus } from '@mpp/messaging';
import { Public } from '../../auth/auth.decorators';
import { RequestContext } from '../../request/request-context.decorator';
import { MailboxQuery, MailboxResponse } from './identity.dto';

/** The emails the platform "sent", for standalone and development setups that have no mail server. */
@ApiTags('Identity')
@Controller('v1/dev/mailbox')
export class DevMailboxController {
  constructor(@Inject(REQUEST_BUS) private readonly bus: RequestBus) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Emails sent to an address, newest first (standalone/dev only; 404 when the mailbox is off, as in production)',
  })
  @ApiOkResponse({ type: MailboxResponse })
  list(@Query() query: MailboxQuery, @RequestContext() meta: RequestMeta): Promise<Mailbox> {
    return this.bus.send(GET_MAILBOX, { to: query.to }, meta);
  }
}
