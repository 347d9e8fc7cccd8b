import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AppError } from '@mpp/platform';
import { HOST_APP_IDS, StatisticsGranularity } from '@mpp/contracts';

// The shapes of the usage and statistics routes (API.md "Statistics"). Each event of a batch is checked by insights
// on its own (a bad one is rejected by index, the rest counted), so the body's DTO checks only the batch as a whole.

/** The most events one collect request may carry (400 TOO_MANY_EVENTS above). */
export const MAX_EVENTS_PER_BATCH = 500;
/** The largest collect body (413 above); the other JSON routes take BODY_LIMIT_BYTES. */
export const COLLECT_BODY_LIMIT_BYTES = 512 * 1024;

export class UsageEventDoc {
  @ApiProperty({ format: 'uuid', description: 'Yours, unique per event: a repeat within 7 days is counted once.' }) eventId!: string;
  @ApiProperty() miniProgramId!: string;
  @ApiProperty({ enum: ['LAUNCH', 'PAGE_VIEW', 'SHARE', 'ERROR', 'SESSION_END'] }) type!: string;
  @ApiProperty({ maxLength: 64, description: 'Your opaque id of the user; replaced by a keyed hash before anything is stored.' }) userId!: string;
  @ApiProperty({ maxLength: 128 }) sessionId!: string;
  @ApiPropertyOptional({ maxLength: 512, description: 'PAGE_VIEW only.' }) page?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 86_400_000, description: 'SESSION_END only.' }) durationMs?: number;
  @ApiProperty({ format: 'date-time', description: 'RFC 3339 with an offset; at most 7 days old, at most 5 minutes ahead.' }) occurredAt!: string;
}

export class CollectRequest {
  @ApiProperty({ type: [UsageEventDoc], maxItems: MAX_EVENTS_PER_BATCH })
  events!: unknown[];
}

const invalid = (field: string, message: string, code = 'VALIDATION_FAILED') => AppError.badInput(`${field} ${message}`, [{ field, message }], code);

/**
 * The events of a collect body, or a refusal of the whole batch: a body that is not `{events: [...]}` (400
 * VALIDATION_FAILED naming the field, as the ValidationPipe would) or over 500 events (400 TOO_MANY_EVENTS).
 * Each event is insights' to check.
 */
export function collectedEvents(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('events', 'must be an array');
  const unknown = Object.keys(body).find((name) => name !== 'events');
  if (unknown !== undefined) throw invalid(unknown, 'is not a field of this body');
  const { events } = body as { events?: unknown };
  if (!Array.isArray(events)) throw invalid('events', 'must be an array');
  if (events.length > MAX_EVENTS_PER_BATCH) throw invalid('events', `must hold at most ${MAX_EVENTS_PER_BATCH} events`, 'TOO_MANY_EVENTS');
  return events;
}

export class RejectedEventResponse {
  @ApiProperty({ description: 'The event\'s index in the batch.' }) index!: number;
  @ApiProperty({ enum: ['MINI_PROGRAM_UNKNOWN', 'HOST_APP_NOT_TARGET', 'EVENT_TOO_OLD', 'EVENT_IN_FUTURE', 'EVENT_INVALID'] }) code!: string;
}

export class CollectResponse {
  @ApiProperty() accepted!: number;
  @ApiProperty({ description: 'Events already counted (the same eventId within 7 days, or twice in this batch).' }) duplicates!: number;
  @ApiProperty({ type: [RejectedEventResponse] }) rejected!: RejectedEventResponse[];
}

const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

export class StatisticsRangeQuery {
  @ApiProperty({ example: '2026-11-01', description: 'First UTC date, included.' })
  @IsString()
  @Matches(DATE_FORMAT, { message: 'from must be a date, YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last UTC date, included; at most 366 days after from.' })
  @IsString()
  @Matches(DATE_FORMAT, { message: 'to must be a date, YYYY-MM-DD' })
  to!: string;
}

export class StatisticsQueryDto extends StatisticsRangeQuery {
  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], default: 'day', description: 'A week is an ISO week (its Monday names it), a month YYYY-MM.' })
  @IsOptional()
  @IsIn(['day', 'week', 'month'])
  granularity: StatisticsGranularity = 'day';

  @ApiPropertyOptional({ enum: HOST_APP_IDS, description: 'Only this host app\'s figures (a target app of the mini program; 400 otherwise).' })
  @IsOptional()
  @IsIn(HOST_APP_IDS)
  hostApp?: string;
}

export const MAX_TOP_PAGES = 200;

export class PageStatisticsQueryDto extends StatisticsRangeQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TOP_PAGES, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TOP_PAGES)
  limit: number = 20;
}

export class PeriodStatisticsResponse {
  @ApiProperty({ example: '2026-11-23', description: 'The date, the Monday of the ISO week, or YYYY-MM.' }) period!: string;
  @ApiProperty({ description: 'LAUNCH events.' }) opens!: number;
  @ApiProperty() pageViews!: number;
  @ApiProperty({ description: 'Distinct users with any event in the period.' }) uniqueVisitors!: number;
  @ApiProperty({ description: 'Users whose first day with this mini program falls in the period.' }) newVisitors!: number;
  @ApiProperty({ description: 'Distinct session ids.' }) sessions!: number;
  @ApiProperty({ description: 'Mean SESSION_END durationMs, rounded.' }) avgSessionMs!: number;
  @ApiProperty() shares!: number;
  @ApiProperty() errors!: number;
}

export class StatisticsResponse {
  @ApiProperty({ type: [PeriodStatisticsResponse] }) items!: PeriodStatisticsResponse[];
  @ApiProperty({ description: 'true: uniqueVisitors over weeks and months are exact counts (they always are here), not estimates.' }) uniqueVisitorsExact!: boolean;
}

export class PageStatisticsItem {
  @ApiProperty() page!: string;
  @ApiProperty() pageViews!: number;
  @ApiProperty({ description: 'Distinct over the whole range.' }) uniqueVisitors!: number;
}

export class PageStatisticsResponse {
  @ApiProperty({ type: [PageStatisticsItem] }) items!: PageStatisticsItem[];
}

export class RetentionItem {
  @ApiProperty({ example: '2026-11-20' }) cohortDate!: string;
  @ApiProperty({ description: 'Users seen for the first time that day.' }) newVisitors!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share (0 to 1) of them seen again 1 day later; null until that day has come.' }) day1!: number | null;
  @ApiProperty({ type: Number, nullable: true }) day7!: number | null;
  @ApiProperty({ type: Number, nullable: true }) day30!: number | null;
}

export class RetentionResponse {
  @ApiProperty({ type: [RetentionItem] }) items!: RetentionItem[];
}
