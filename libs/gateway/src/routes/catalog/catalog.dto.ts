import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUrl,
  Length,
  Max,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CURRENCIES,
  HOST_APP_IDS,
  INDUSTRY_IDS,
  SERVICE_TYPES,
  type PaymentModel,
  type ServiceStatus,
  type ServiceType,
} from '@mpp/contracts';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { NotBlank, Omittable, OptionalText, Presence, Text } from '../../validation/dto-fields';
import { RESOURCE_ID } from '../workspaces/resource-id.pipe';

// The shapes of the catalog routes; catalog's checkServiceContent applies the rules again (and those across fields).

const MAX_AMOUNT = 1e9;
const MAX_IMAGES = 5;
const IMAGE_URL_MAX_LENGTH = 500;
const PAYMENT_MODELS: readonly PaymentModel[] = ['FREE', 'FIXED', 'QUOTE'];
const SERVICE_STATUSES: readonly ServiceStatus[] = ['DRAFT', 'PENDING_REVIEW', 'ONLINE', 'TURNED_DOWN', 'WITHDRAWN', 'ARCHIVED'];
const REVISION_STATUSES = ['DRAFT', 'PENDING_REVIEW', 'TURNED_DOWN', 'WITHDRAWN'];

export class ServicePaymentRequest {
  @ApiProperty({ enum: PAYMENT_MODELS, description: 'FREE, a FIXED price, or a price on QUOTE.' })
  @IsIn(PAYMENT_MODELS)
  model!: PaymentModel;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, maximum: MAX_AMOUNT, example: 4990, description: 'FIXED only: the price in the currency\'s units.' })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_AMOUNT)
  amount?: number;

  @ApiPropertyOptional({ enum: CURRENCIES, example: 'USD', description: 'FIXED only: ISO 4217 code.' })
  @Omittable()
  @IsIn(CURRENCIES)
  currency?: string;
}

// One decorator per field, for the creation (required) and the edit (every field may be left out).
const NameField = (required: boolean) => Text(required, 1, 80, 'Mini program starter kit', 'Unique among the ISV\'s services.');
const IndustryField = (required: boolean) =>
  applyDecorators(Presence(required, { enum: INDUSTRY_IDS, description: 'An id of GET /v1/industries.' }), IsIn(INDUSTRY_IDS));
const TypeField = (required: boolean) => applyDecorators(Presence(required, { enum: SERVICE_TYPES }), IsIn(SERVICE_TYPES));
const DescriptionField = (required: boolean) => Text(required, 1, 2000, 'We build and launch your mini program in four weeks.');
const ImagesField = (required: boolean) =>
  applyDecorators(
    Presence(required, {
      type: [String],
      minItems: 1,
      maxItems: MAX_IMAGES,
      items: { type: 'string', format: 'uri', maxLength: IMAGE_URL_MAX_LENGTH },
      example: ['https://cdn.acme.example/kit-1.png'],
      description: `1 to ${MAX_IMAGES} https URLs of at most ${IMAGE_URL_MAX_LENGTH} characters.`,
    }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_IMAGES),
    IsUrl({ protocols: ['https'], require_protocol: true }, { each: true, message: 'each image must be an https URL' }),
    MaxLength(IMAGE_URL_MAX_LENGTH, { each: true }),
  );
const ApplicableAppsField = (required: boolean) =>
  applyDecorators(
    Presence(required, { enum: HOST_APP_IDS, isArray: true, minItems: 1, uniqueItems: true, description: 'Ids of GET /v1/host-apps; at least one.' }),
    IsArray(),
    ArrayMinSize(1),
    ArrayUnique(),
    IsIn(HOST_APP_IDS, { each: true }),
  );
const PaymentField = (required: boolean) =>
  applyDecorators(
    Presence(required, { type: () => ServicePaymentRequest, description: 'amount and currency go with FIXED only.' }),
    IsObject(),
    ValidateNested(),
    Type(() => ServicePaymentRequest),
  );
const TEMPLATE_ID_DOC = 'MINI_PROGRAM_TEMPLATE only, and required for it: one of the ISV workspace\'s own templates (422 TEMPLATE_NOT_FOUND otherwise).';
// Whether the type needs it is catalog's rule (400 naming templateId), which also sees the type an edit leaves alone.
const TemplateIdField = () =>
  applyDecorators(
    Presence(false, { pattern: RESOURCE_ID.source, description: TEMPLATE_ID_DOC }),
    IsString(),
    Matches(RESOURCE_ID, { message: ({ property }) => `${property} is not an id` }),
  );
const CompanyInfoField = () => OptionalText(2000, 'Acme builds mini programs for retailers across Asia.', 'Defaults from the workspace.');
const DetailsField = () => OptionalText(5000, 'Includes design, development, testing and release.', 'What the service includes.');
const TutorialField = () => OptionalText(5000, '1. Order. 2. Authorize your mini program. 3. Review the trial version.', 'How a merchant works with the ISV.');
const SuccessStoryField = () => OptionalText(5000, 'Launched the Acme Coffee mini program with 1M users.', 'A customer story.');

export class CreateServiceRequest {
  @NameField(true) name!: string;
  @IndustryField(true) industry!: string;
  @TypeField(true) type!: ServiceType;
  @DescriptionField(true) description!: string;
  @ImagesField(true) images!: string[];
  @ApplicableAppsField(true) applicableApps!: string[];
  @PaymentField(true) payment!: ServicePaymentRequest;
  @CompanyInfoField() companyInfo?: string;
  @DetailsField() details?: string;
  @TutorialField() tutorial?: string;
  @SuccessStoryField() successStory?: string;
  @TemplateIdField() templateId?: string;
}

/** The fields to change, at least one; a payment is replaced as a whole; a change of type to MINI_PROGRAM_DEVELOPMENT drops the template. */
export class UpdateServiceRequest {
  @NameField(false) name?: string;
  @IndustryField(false) industry?: string;
  @TypeField(false) type?: ServiceType;
  @DescriptionField(false) description?: string;
  @ImagesField(false) images?: string[];
  @ApplicableAppsField(false) applicableApps?: string[];
  @PaymentField(false) payment?: ServicePaymentRequest;
  @CompanyInfoField() companyInfo?: string;
  @DetailsField() details?: string;
  @TutorialField() tutorial?: string;
  @SuccessStoryField() successStory?: string;
  @TemplateIdField() templateId?: string;
}

export class ServiceStatusQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: SERVICE_STATUSES, description: 'Only services in this state; all of them without it.' })
  @IsOptional()
  @IsIn(SERVICE_STATUSES)
  status?: ServiceStatus;
}

export class RejectServiceRequest {
  @Text(true, 1, 1000, 'The images do not show the mini programs you built; add screenshots.', 'What the ISV should fix.')
  reason!: string;
}

export class MarketSearchQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: INDUSTRY_IDS })
  @IsOptional()
  @IsIn(INDUSTRY_IDS)
  industry?: string;

  @ApiPropertyOptional({ enum: SERVICE_TYPES })
  @IsOptional()
  @IsIn(SERVICE_TYPES)
  type?: ServiceType;

  @ApiPropertyOptional({ enum: HOST_APP_IDS, description: 'Only services for this host app.' })
  @IsOptional()
  @IsIn(HOST_APP_IDS)
  app?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'coffee', description: 'Words to find in the name and description.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @NotBlank()
  q?: string;
}

export class ServicePaymentResponse {
  @ApiProperty({ enum: PAYMENT_MODELS }) model!: PaymentModel;
  @ApiPropertyOptional({ description: 'FIXED only.' }) amount?: number;
  @ApiPropertyOptional({ enum: CURRENCIES, description: 'FIXED only.' }) currency?: string;
}

export class ServiceContentResponse {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INDUSTRY_IDS }) industry!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) type!: ServiceType;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String], description: 'https URLs.' }) images!: string[];
  @ApiProperty({ enum: HOST_APP_IDS, isArray: true }) applicableApps!: string[];
  @ApiProperty({ type: () => ServicePaymentResponse }) payment!: ServicePaymentResponse;
  @ApiPropertyOptional() companyInfo?: string;
  @ApiPropertyOptional() details?: string;
  @ApiPropertyOptional() tutorial?: string;
  @ApiPropertyOptional() successStory?: string;
  @ApiPropertyOptional({ description: 'The template a MINI_PROGRAM_TEMPLATE service offers (GET /v1/templates/{id}).' }) templateId?: string;
}

export class ServiceResponse extends ServiceContentResponse {
  @ApiProperty() serviceId!: string;
  @ApiProperty({ description: 'The ISV workspace that offers it.' }) isvWorkspaceId!: string;
  @ApiProperty({ enum: SERVICE_STATUSES }) status!: ServiceStatus;
  @ApiPropertyOptional({ enum: REVISION_STATUSES, description: 'While an ONLINE service is being revised: the revision\'s state; the content fields are the revision.' })
  revisionStatus?: string;
  @ApiPropertyOptional({ type: () => ServiceContentResponse, description: 'While revised: what the market shows meanwhile.' })
  online?: ServiceContentResponse;
  @ApiPropertyOptional({ description: 'Why the last review turned it down.' }) reason?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Changes with every change; also the ETag; send it back in If-Match.' }) version!: number;
}

export class ServiceCreatedResponse {
  @ApiProperty() serviceId!: string;
  @ApiProperty({ enum: ['DRAFT'] }) status!: 'DRAFT';
  @ApiProperty({ description: 'Also the ETag.' }) version!: number;
}

export class ServiceStatusResponse {
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'The state after the step (the revision\'s, for a revised ONLINE service).' }) status!: string;
  @ApiProperty({ description: 'Also the ETag.' }) version!: number;
}

export class ServiceDecisionResponse {
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'ONLINE after an approval, TURNED_DOWN after a rejection.' }) status!: string;
}

export class ServiceHistoryItemResponse {
  @ApiProperty({ description: 'What happened.' }) type!: string;
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'The state it led to.' }) status!: string;
  @ApiProperty({ description: 'The account that did it.' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ description: 'A rejection\'s reason.' }) reason?: string;
}

export class ServiceHistoryResponse {
  @ApiProperty({ type: [ServiceHistoryItemResponse], description: 'Oldest first.' }) items!: ServiceHistoryItemResponse[];
}

export class MarketServiceResponse extends ServiceContentResponse {
  @ApiProperty() serviceId!: string;
  @ApiProperty({ description: 'The ISV workspace that offers it.' }) isvWorkspaceId!: string;
}

export class MarketIsvResponse {
  @ApiProperty() workspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Where the logo is served (GET /v1/workspaces/{id}/logo).' }) logoUrl!: string;
}

export class MarketServiceDetailResponse extends MarketServiceResponse {
  @ApiProperty({ type: () => MarketIsvResponse, description: 'The ISV\'s public workspace information.' }) isv!: MarketIsvResponse;
}

export class IndustryResponse {
  @ApiProperty({ enum: INDUSTRY_IDS }) id!: string;
  @ApiProperty({ description: 'For display.' }) name!: string;
}

export class IndustriesResponse {
  @ApiProperty({ type: [IndustryResponse] }) items!: IndustryResponse[];
}

export class HostAppResponse {
  @ApiProperty({ enum: HOST_APP_IDS }) id!: string;
  @ApiProperty({ description: 'For display.' }) name!: string;
}

export class HostAppsResponse {
  @ApiProperty({ type: [HostAppResponse] }) items!: HostAppResponse[];
}
