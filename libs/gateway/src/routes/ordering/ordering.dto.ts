import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Min } from 'class-validator';
import { AUTHORIZATION_SCOPES, ORDER_STATUSES, type AuthorizationScope, type AuthorizationStatus, type OrderStatus } from '@mpp/contracts';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { OptionalText, Presence, Text } from '../../validation/dto-fields';
import { RESOURCE_ID } from '../workspaces/resource-id.pipe';

// The shapes of the ordering routes; ordering's deciders check the rules again.

const AUTHORIZATION_STATUSES: readonly AuthorizationStatus[] = ['ACTIVE', 'REVOKED', 'ENDED'];
const ResourceId = (description: string) =>
  applyDecorators(ApiProperty({ pattern: RESOURCE_ID.source, description }), IsString(), Matches(RESOURCE_ID, { message: ({ property }) => `${property} is not an id` }));
const Reason = (example: string, description: string) => Text(true, 1, 1000, example, description);

const Scopes = (required: boolean, description: string) =>
  applyDecorators(
    Presence(required, { enum: AUTHORIZATION_SCOPES, isArray: true, minItems: 1, uniqueItems: true, description }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(AUTHORIZATION_SCOPES.length),
    ArrayUnique(),
    IsIn(AUTHORIZATION_SCOPES, { each: true }),
  );

export class PlaceOrderRequest {
  @ResourceId('An ONLINE service of the market (MINI_PROGRAM_DEVELOPMENT or MINI_PROGRAM_TEMPLATE).')
  serviceId!: string;

  @ResourceId('One of your workspace\'s mini programs.')
  miniProgramId!: string;

  @OptionalText(2000, 'Loyalty stamps and a member card, please.', 'For the ISV.')
  note?: string;
}

export class ConfirmOrderRequest {
  @Scopes(false, 'What the ISV may do on the mini program; all six when left out.')
  scopes?: AuthorizationScope[];
}

export class ChangeScopesRequest {
  @Scopes(true, 'The scopes the ISV keeps from now on (narrow or widen); revoke to take all.')
  scopes!: AuthorizationScope[];
}

export class OrderReasonRequest {
  @Reason('We cannot take this on before March.', 'Why; shown in the order\'s history.')
  reason!: string;
}

export class CancelOrderRequest {
  @OptionalText(1000, 'We found another provider.', 'Why; required once the order is IN_DEVELOPMENT.')
  reason?: string;
}

export class OrderStatusQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'Only orders in this state.' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

export class OrderAsOfQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The order as it was at this time (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'The order as it was after this many of its events.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class AuthorizationsQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only this mini program\'s authorizations.' })
  @IsOptional()
  @Matches(RESOURCE_ID)
  miniProgramId?: string;

  @ApiPropertyOptional({ description: 'Only this workspace\'s (one of yours); all of your workspaces\' without it.' })
  @IsOptional()
  @Matches(RESOURCE_ID)
  workspaceId?: string;

  @ApiPropertyOptional({ enum: AUTHORIZATION_STATUSES })
  @IsOptional()
  @IsIn(AUTHORIZATION_STATUSES)
  status?: AuthorizationStatus;
}

export class OrderPlacedResponse {
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: ['NEW'] }) status!: 'NEW';
  @ApiProperty() version!: number;
}

export class OrderStepResponse {
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ description: 'From the confirmation on.' }) authorizationId?: string;
}

export class OrderResponse {
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty() serviceId!: string;
  @ApiPropertyOptional() serviceName?: string;
  @ApiProperty() miniProgramId!: string;
  @ApiProperty() merchantWorkspaceId!: string;
  @ApiProperty() isvWorkspaceId!: string;
  @ApiPropertyOptional() authorizationId?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ description: 'Of the last rejection or cancellation.' }) reason?: string;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class AuthorizationResponse {
  @ApiProperty() authorizationId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() miniProgramId!: string;
  @ApiProperty() merchantWorkspaceId!: string;
  @ApiProperty() isvWorkspaceId!: string;
  @ApiProperty({ enum: AUTHORIZATION_STATUSES }) status!: AuthorizationStatus;
  @ApiProperty({ enum: AUTHORIZATION_SCOPES, isArray: true }) scopes!: AuthorizationScope[];
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}

export class AuthorizationStepResponse {
  @ApiProperty({ enum: AUTHORIZATION_STATUSES }) status!: AuthorizationStatus;
  @ApiProperty({ enum: AUTHORIZATION_SCOPES, isArray: true }) scopes!: AuthorizationScope[];
  @ApiProperty() version!: number;
}

export class HistoryItemResponse {
  @ApiProperty({ example: 'OrderConfirmed' }) type!: string;
  @ApiProperty({ description: 'The status after this step.' }) status!: string;
  @ApiProperty({ description: 'The account that took the step, or "system".' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The version this step made.' }) version!: number;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ enum: AUTHORIZATION_SCOPES, isArray: true }) scopes?: AuthorizationScope[];
}

export class HistoryResponse {
  @ApiProperty({ type: [HistoryItemResponse], description: 'Oldest first.' }) items!: HistoryItemResponse[];
}
