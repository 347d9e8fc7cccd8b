import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../../validation/dto-fields';
import { DELIVERY_STATUSES, WORKSPACE_EVENT_TYPES, type DeliveryStatus, type WorkspaceEventType } from '@mpp/contracts';

// The shapes of the integrations routes (API.md Integrations); integrations checks the rules again (URL scheme).

const EVENT_TYPES_DESCRIPTION = 'The event types it wants (GET /v1/event-types lists them); webhook.ping is sent by ping whatever these are.';

export class CreateWebhookRequest {
  @ApiProperty({ maxLength: 2000, example: 'https://isv.example/hooks/mpp', description: 'https (http only where private networks are allowed: development).' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WORKSPACE_EVENT_TYPES, isArray: true, minItems: 1, description: EVENT_TYPES_DESCRIPTION })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WORKSPACE_EVENT_TYPES.length)
  @IsIn(WORKSPACE_EVENT_TYPES, { each: true, message: 'each of eventTypes must be an event type of GET /v1/event-types' })
  eventTypes!: WorkspaceEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @Omittable()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: WORKSPACE_EVENT_TYPES, isArray: true, minItems: 1, description: EVENT_TYPES_DESCRIPTION })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WORKSPACE_EVENT_TYPES.length)
  @IsIn(WORKSPACE_EVENT_TYPES, { each: true, message: 'each of eventTypes must be an event type of GET /v1/event-types' })
  eventTypes?: WorkspaceEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @Omittable()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'false stops deliveries (they wait); true sends again, also to an endpoint disabled after 5 days of failures.' })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;
}

export class CreatedWebhookResponse {
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ example: 'whsec_…', description: 'The signing secret, shown this once (Standard Webhooks: verify webhook-signature with it).' }) secret!: string;
}

export class WebhookSecretResponse {
  @ApiProperty({ example: 'whsec_…', description: 'The new signing secret, shown this once; the previous one keeps signing for 24 hours.' }) secret!: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty() workspaceId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WORKSPACE_EVENT_TYPES, isArray: true }) eventTypes!: WorkspaceEventType[];
  @ApiProperty() description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiPropertyOptional({ enum: ['MEMBER', 'FAILING'], description: 'Why it is disabled: by a member, or after failing every delivery for 5 days.' }) disabledReason?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Until when the secret before the last rotation still signs too.' }) previousSecretValidUntil?: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) items!: WebhookResponse[];
}

export class DeliveryAttemptResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional() statusCode?: number;
  @ApiProperty() durationMs!: number;
  @ApiPropertyOptional({ description: 'Why it failed without an answer (timeout, refused address, redirect not followed).' }) error?: string;
  @ApiPropertyOptional({ description: "The first 1 KB of the answer's body." }) response?: string;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty({ description: 'The event id: the webhook-id header of every attempt.' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) attempts!: DeliveryAttemptResponse[];
  @ApiPropertyOptional({ format: 'date-time' }) nextAttemptAt?: string;
}

export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryResponse] }) items!: DeliveryResponse[];
}

export class DeliveryAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
}

export class DeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class WorkspaceEventsQueryDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'The nextCursor of a previous page: the events after it. Without it, the feed from its start.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;

  @ApiPropertyOptional({ type: String, example: 'order.confirmed,version.approved', description: 'Comma-separated event types; only these.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((t) => t.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(WORKSPACE_EVENT_TYPES.length)
  @IsIn(WORKSPACE_EVENT_TYPES, { each: true, message: 'each of types must be an event type of GET /v1/event-types' })
  types?: WorkspaceEventType[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 50;
}

export class WorkspaceEventResponse {
  @ApiProperty({ description: 'The same id as the webhook-id of its deliveries.' }) eventId!: string;
  @ApiProperty({ enum: WORKSPACE_EVENT_TYPES }) type!: WorkspaceEventType;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The type's payload (GET /v1/event-types gives its schema)." }) data!: Record<string, unknown>;
}

export class WorkspaceEventsPageResponse {
  @ApiProperty({ type: [WorkspaceEventResponse] }) items!: WorkspaceEventResponse[];
  @ApiProperty({ description: 'Pass as after to read on; the same cursor comes back while nothing is new.' }) nextCursor!: string;
}

export class EventTypeResponse {
  @ApiProperty() type!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Which workspaces hear of it.' }) audience!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema of its data.' }) payload!: Record<string, unknown>;
}

export class EventTypesResponse {
  @ApiProperty({ type: [EventTypeResponse] }) items!: EventTypeResponse[];
}
