import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AppError, own } from '@mpp/platform';
import { UI_ASSET_RULES } from '../../configuration/ui-asset-rules';
import { checkRoomForScreenshot } from '../mini-program.decider';
import { MiniProgramChanges } from '../mini-program-changes';
import { CheckUiAssetUpload } from './check-ui-asset-upload.query';

/**
 * Before the gateway reads an image body: the caller may configure the mini program (CONFIGURE), and a screenshot
 * has room (a 6th is refused before its bytes are read or stored). Answers the rules the image must meet; the
 * decider checks what the gateway then says of the stored image against the same rules.
 */
@QueryHandler(CheckUiAssetUpload)
export class CheckUiAssetUploadHandler implements IQueryHandler<CheckUiAssetUpload> {
  constructor(private readonly changes: MiniProgramChanges) {}

  async execute({ payload, meta }: CheckUiAssetUpload) {
    const rules = own(UI_ASSET_RULES, payload.asset);
    if (!rules) throw AppError.badInput('The asset is not valid.', [{ field: 'asset', message: `must be one of ${Object.keys(UI_ASSET_RULES).join(', ')}` }]);
    const { state } = await this.changes.open(payload.miniProgramId, meta, 'CONFIGURE');
    if (payload.asset === 'SCREENSHOT') checkRoomForScreenshot(state);
    return rules;
  }
}
