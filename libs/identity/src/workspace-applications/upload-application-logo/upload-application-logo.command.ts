import { RequestMeta, UploadApplicationLogoPayload } from '@mpp/contracts';

export class UploadApplicationLogo {
  constructor(
    readonly payload: UploadApplicationLogoPayload,
    readonly meta: RequestMeta,
  ) {}
}
