import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GRAY_PERCENTS, HOST_APP_IDS, INDUSTRY_IDS, VERSION_STATUSES, type DomainKind, type GrayPercent, type MiniProgramMemberRole, type MiniProgramStatus, type ReleaseMode, type VersionStatus } from '@mpp/contracts';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { OptionalText, Text } from '../../validation/dto-fields';
import { RESOURCE_ID } from '../workspaces/resource-id.pipe';
import { ScreenshotResponse, StoredImageResponse } from './ui-assets.dto';

// The shapes of the mini program routes; miniprograms' deciders check the rules again.

const MINI_PROGRAM_STATUSES: readonly MiniProgramStatus[] = ['DEVELOPING', 'ONLINE', 'OFFLINE'];

export class CreateMiniProgramRequest {
  @Text(true, 1, 60, 'Bean Counter Coffee', 'Shown in the host apps.')
  name!: string;

  @ApiProperty({ maxLength: 2000, example: 'Order ahead and collect stamps.' })
  @IsString()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ enum: INDUSTRY_IDS, description: 'An id of GET /v1/industries.' })
  @IsIn(INDUSTRY_IDS)
  category!: string;

  @TargetApps()
  targetApps!: string[];
}

/** PATCH: every field of a mini program's details optional, with the same rules. */
export class EditMiniProgramRequest extends PartialType(CreateMiniProgramRequest) {}

function TargetApps() {
  return applyDecorators(
    ApiProperty({ enum: HOST_APP_IDS, isArray: true, minItems: 1, uniqueItems: true, description: 'Ids of GET /v1/host-apps the mini program runs in.' }),
    IsArray(),
    ArrayMinSize(1),
    ArrayUnique(),
    IsIn(HOST_APP_IDS, { each: true }),
  );
}

export class MiniProgramCreatedResponse {
  @ApiProperty() miniProgramId!: string;
  @ApiProperty() version!: number;
}

export class MiniProgramResponse {
  @ApiProperty() miniProgramId!: string;
  @ApiProperty() ownerWorkspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: [String] }) targetApps!: string[];
  @ApiProperty({ enum: MINI_PROGRAM_STATUSES }) status!: MiniProgramStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) onlineVersion!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) trialVersion!: string | null;
  @ApiProperty({ nullable: true, type: StoredImageResponse, description: 'Its icon (GET .../icon), null when none is set.' }) icon!: StoredImageResponse | null;
  @ApiProperty({ type: [ScreenshotResponse], description: 'Its screenshots (at most 5) in the order added.' }) screenshots!: ScreenshotResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The template its stored ext config is for (PUT .../ext-config).' }) templateId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'Its stored ext config: what the next application of the template uses.' }) extConfig?: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

const MEMBER_ROLES: readonly MiniProgramMemberRole[] = ['DEVELOPER', 'TESTER'];
const RELEASE_MODES: readonly ReleaseMode[] = ['MANUAL', 'AUTO'];

export class AddMemberRequest {
  @ApiProperty({ description: 'An account of your workspace or of the merchant\'s.' })
  @IsString()
  @Matches(RESOURCE_ID, { message: 'accountId is not an id' })
  accountId!: string;

  @ApiProperty({ enum: MEMBER_ROLES, description: 'At most 50 developers and 100 testers per mini program.' })
  @IsIn(MEMBER_ROLES)
  role!: MiniProgramMemberRole;
}

export class SubmitVersionRequest {
  @ApiProperty({ enum: RELEASE_MODES, description: 'AUTO releases the version as soon as it is approved.' })
  @IsIn(RELEASE_MODES)
  releaseMode!: ReleaseMode;

  @OptionalText(1000, 'Fixed the crash the reviewer found.', 'For the reviewer, e.g. what changed since a rejection.')
  note?: string;
}

export class ReleaseVersionRequest {
  @ApiPropertyOptional({ enum: GRAY_PERCENTS, description: 'Release to this percent of users first (gray); fully without it.' })
  @IsOptional()
  @IsIn(GRAY_PERCENTS)
  grayPercent?: GrayPercent;
}

export class RejectVersionRequest {
  @Text(true, 1, 1000, 'The payment page crashes on checkout.', 'What the ISV should fix.')
  reason!: string;
}

const DomainList = (kind: DomainKind) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: 20, example: kind === 'socket' ? ['wss://ws.shop.example'] : ['https://api.shop.example'], description: `${kind === 'socket' ? 'wss' : 'https'}://hostname, no IP, no wildcard, at most 20.` }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    MaxLength(260, { each: true }),
  );

export class DomainsRequest {
  @DomainList('request') request?: string[];
  @DomainList('upload') upload?: string[];
  @DomainList('download') download?: string[];
  @DomainList('socket') socket?: string[];
  @DomainList('webview') webview?: string[];
}

export class BusinessParamsRequest {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { merchantCode: 'BC-001' }, description: 'At most 50 keys; values are text.' })
  @IsObject()
  params!: Record<string, string>;
}

export class VersionStatusQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: VERSION_STATUSES, default: 'IN_REVIEW' })
  @IsOptional()
  @IsIn(VERSION_STATUSES)
  status?: VersionStatus;
}

export class VersionResponse {
  @ApiProperty() miniProgramId!: string;
  @ApiProperty({ example: '1.2.0' }) version!: string;
  @ApiProperty({ enum: VERSION_STATUSES }) status!: VersionStatus;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'SHA-256 of the package, hex.' }) sha256!: string;
  @ApiProperty({ description: 'Bytes.' }) size!: number;
  @ApiPropertyOptional({ enum: RELEASE_MODES }) releaseMode?: ReleaseMode;
  @ApiPropertyOptional({ enum: GRAY_PERCENTS }) grayPercent?: GrayPercent;
  @ApiPropertyOptional({ description: 'Why a reviewer rejected it.' }) reason?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When it was last submitted for review.' }) submittedAt?: string;
  @ApiPropertyOptional({ enum: [true], description: 'Its submission was expedited: first in the reviewers\' queue.' }) expedited?: true;
  @ApiPropertyOptional({ description: 'For a version applied from a template: the template.' }) templateId?: string;
  @ApiPropertyOptional({ description: 'The template version applied.' }) templateVersion?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The ext config it was applied with.' }) extConfig?: Record<string, unknown>;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class MemberResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MiniProgramMemberRole;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
}

export class ItemsResponse {
  @ApiProperty({ type: 'array', items: { type: 'object' } }) items!: unknown[];
}
