import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength } from 'class-validator';
import type { ExtConfig, ExtSchema, MiniProgramStatus, TemplateVersionStatus } from '@mpp/contracts';
import { Omittable, OptionalText } from '../../validation/dto-fields';
import { RESOURCE_ID } from '../workspaces/resource-id.pipe';
import { CreateMiniProgramRequest } from './miniprograms.dto';

// The shapes of the template routes (API.md "Templates"); miniprograms checks the ext schema and ext configs whole.

const TEMPLATE_VERSION_STATUSES: readonly TemplateVersionStatus[] = ['DRAFT', 'PUBLISHED', 'DEPRECATED'];
const MINI_PROGRAM_STATUSES: readonly MiniProgramStatus[] = ['DEVELOPING', 'ONLINE', 'OFFLINE'];
const VERSION_STRING = /^[0-9A-Za-z.+-]{1,64}$/;

const EXT_SCHEMA_DOC: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: true,
  description:
    'A JSON Schema object: `type: "object"`, `properties` (at most 50) and `required`; each property only `type` (string, number, integer, boolean), `maxLength`, `pattern` (at most 256 characters, Unicode mode), `minimum`, `maximum`, `enum`. At most 16 KB. Anything else: 400 EXT_SCHEMA_INVALID naming it.',
  example: { type: 'object', properties: { shopName: { type: 'string', maxLength: 30 }, color: { type: 'string', pattern: '^#[0-9a-f]{6}$' }, tables: { type: 'integer', minimum: 1, maximum: 100 } }, required: ['shopName'] },
};
const EXT_CONFIG_TEXT = 'A value for each setting of the template\'s ext schema; checked against it (422 EXT_CONFIG_INVALID, `errors` by setting).';
const extConfigDoc = (more: string): ApiPropertyOptions => ({
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
  example: { shopName: 'Bean Counter', tables: 12 },
  description: `${EXT_CONFIG_TEXT} ${more}`,
});

/** A template's details are a mini program's (name, description, category, target apps) and its ext schema. */
export class CreateTemplateRequest extends CreateMiniProgramRequest {
  @ApiProperty(EXT_SCHEMA_DOC)
  @IsObject()
  extSchema!: ExtSchema;
}

export class ApplyTemplateRequest {
  @ApiProperty({ description: 'A template of your ISV workspace.' })
  @IsString()
  @Matches(RESOURCE_ID, { message: 'templateId is not an id' })
  templateId!: string;

  @ApiProperty({ example: '1.0.0', description: 'A PUBLISHED version of the template.' })
  @IsString()
  @Matches(VERSION_STRING, { message: 'templateVersion must be a version such as 1.0.0' })
  templateVersion!: string;

  @ApiProperty({ example: '1.0.0', description: 'The new mini program version: a semantic version greater than every released one.' })
  @IsString()
  @MaxLength(64)
  version!: string;

  @OptionalText(2000, 'Spring menu', 'The version\'s description; the template version\'s when left out.')
  description?: string;

  @ApiPropertyOptional(extConfigDoc('Left out: the mini program\'s stored one (422 EXT_CONFIG_MISSING when none); given: it is stored.'))
  @Omittable()
  @IsObject()
  extConfig?: ExtConfig;
}

export class ExtConfigRequest {
  @ApiProperty({ description: 'The template the settings are for.' })
  @IsString()
  @Matches(RESOURCE_ID, { message: 'templateId is not an id' })
  templateId!: string;

  @ApiProperty(extConfigDoc('Checked against the schema of the template\'s newest PUBLISHED version.'))
  @IsObject()
  extConfig!: ExtConfig;
}

export class TemplateCreatedResponse {
  @ApiProperty() templateId!: string;
  @ApiProperty() version!: number;
}

export class TemplateVersionResponse {
  @ApiProperty() templateId!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiProperty({ enum: TEMPLATE_VERSION_STATUSES }) status!: TemplateVersionStatus;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'SHA-256 of the package, hex.' }) sha256!: string;
  @ApiProperty({ description: 'Bytes.' }) size!: number;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TemplateResponse {
  @ApiProperty() templateId!: string;
  @ApiProperty() isvWorkspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: [String] }) targetApps!: string[];
  @ApiProperty(EXT_SCHEMA_DOC) extSchema!: ExtSchema;
  @ApiProperty({ type: [TemplateVersionResponse], description: 'Newest upload first; to callers outside the ISV only the PUBLISHED ones.' }) versions!: TemplateVersionResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class TemplateUsageResponse {
  @ApiProperty() miniProgramId!: string;
  @ApiProperty() merchantWorkspaceId!: string;
  @ApiProperty({ example: '1.0.0', description: 'The template version of the newest version applied from the template.' }) templateVersion!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) onlineVersion!: string | null;
  @ApiProperty({ enum: MINI_PROGRAM_STATUSES }) status!: MiniProgramStatus;
  @ApiProperty({ format: 'date-time' }) appliedAt!: string;
}
