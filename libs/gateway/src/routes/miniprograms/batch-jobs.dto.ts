import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  BATCH_ITEM_STATUSES,
  BATCH_JOB_CONCURRENCY,
  BATCH_JOB_KINDS,
  BATCH_JOB_STATUSES,
  DEFAULT_MAX_FAILURE_RATIO,
  GRAY_PERCENTS,
  MAX_BATCH_JOB_ITEMS,
  type BatchItemStatus,
  type BatchJobKind,
  type BatchJobPauseReason,
  type BatchJobStatus,
  type GrayPercent,
  type ReleaseMode,
} from '@mpp/contracts';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { RESOURCE_ID } from '../workspaces/resource-id.pipe';

// The shapes of the batch job routes (API.md "Batch jobs"); miniprograms checks the rules again, per kind.

const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

export class BatchJobTargetsRequest {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_BATCH_JOB_ITEMS, description: `The mini programs, at most ${MAX_BATCH_JOB_ITEMS} (one listed twice is one item); one that does not qualify becomes a FAILED item.` })
  @ValidateIf((o: BatchJobTargetsRequest) => o.templateId === undefined)
  @IsArray()
  @ArrayMaxSize(MAX_BATCH_JOB_ITEMS)
  @Matches(RESOURCE_ID, { each: true, message: 'each miniProgramId must be an id' })
  miniProgramIds?: string[];

  @ApiPropertyOptional({ maxLength: 64, description: 'Instead of miniProgramIds: every mini program made from this template on which you hold an ACTIVE authorization.' })
  @IsOptional()
  @IsString()
  @Matches(RESOURCE_ID, { message: 'templateId is not an id' })
  templateId?: string;
}

export class BatchJobParamsRequest {
  @ApiPropertyOptional({ maxLength: 64, description: 'APPLY_TEMPLATE: the template (defaults to targets.templateId).' })
  @IsOptional()
  @Matches(RESOURCE_ID, { message: 'templateId is not an id' })
  templateId?: string;

  @ApiPropertyOptional({ maxLength: 64, example: '1.2.0', description: 'APPLY_TEMPLATE: the PUBLISHED template version to apply.' })
  @IsOptional()
  @Matches(VERSION, { message: 'templateVersion is not a version' })
  templateVersion?: string;

  @ApiPropertyOptional({ maxLength: 64, example: '1.2.0', description: 'APPLY_TEMPLATE: the new version string; SUBMIT_REVIEW and RELEASE: the version.' })
  @IsOptional()
  @Matches(VERSION, { message: 'version is not a version' })
  version?: string;

  @ApiPropertyOptional({ enum: ['MANUAL', 'AUTO'], description: 'SUBMIT_REVIEW: AUTO releases each version once approved.' })
  @IsOptional()
  @IsIn(['MANUAL', 'AUTO'])
  releaseMode?: ReleaseMode;

  @ApiPropertyOptional({ enum: GRAY_PERCENTS, description: 'RELEASE: to this percent of users first (gray); fully without it.' })
  @IsOptional()
  @IsIn(GRAY_PERCENTS)
  grayPercent?: GrayPercent;
}

export class BatchJobOptionsRequest {
  @ApiPropertyOptional({ minimum: BATCH_JOB_CONCURRENCY.min, maximum: BATCH_JOB_CONCURRENCY.max, default: BATCH_JOB_CONCURRENCY.default, description: 'Items under way at a time.' })
  @IsOptional()
  @IsInt()
  @Min(BATCH_JOB_CONCURRENCY.min)
  @Max(BATCH_JOB_CONCURRENCY.max)
  concurrency?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: DEFAULT_MAX_FAILURE_RATIO, description: 'Once at least 10 items finished and the failed share is above it, the job pauses.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  maxFailureRatio?: number;

  @ApiPropertyOptional({ default: false, description: 'Check every item\'s preconditions and report what would fail; change nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class StartBatchJobRequest {
  @ApiProperty({ enum: BATCH_JOB_KINDS })
  @IsIn(BATCH_JOB_KINDS)
  kind!: BatchJobKind;

  @ApiProperty({ type: () => BatchJobTargetsRequest, description: 'Either miniProgramIds or templateId.' })
  @IsObject()
  @ValidateNested()
  @Type(() => BatchJobTargetsRequest)
  targets!: BatchJobTargetsRequest;

  @ApiPropertyOptional({ type: () => BatchJobParamsRequest, description: 'What each kind needs: APPLY_TEMPLATE {templateId, templateVersion, version}, SUBMIT_REVIEW {version, releaseMode}, RELEASE {version, grayPercent?}, ROLLBACK {}.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BatchJobParamsRequest)
  params?: BatchJobParamsRequest;

  @ApiPropertyOptional({ type: () => BatchJobOptionsRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BatchJobOptionsRequest)
  options?: BatchJobOptionsRequest;
}

export class BatchItemStatusQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: BATCH_ITEM_STATUSES, description: 'Only the items of this status.' })
  @IsOptional()
  @IsIn(BATCH_ITEM_STATUSES)
  status?: BatchItemStatus;
}

export class BatchJobStartedResponse {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: ['RUNNING'] }) status!: 'RUNNING';
  @ApiProperty({ description: 'How many items (distinct mini programs).' }) total!: number;
}

export class BatchJobStatusResponse {
  @ApiProperty() jobId!: string;
  @ApiProperty({ enum: BATCH_JOB_STATUSES }) status!: BatchJobStatus;
}

export class BatchJobCountsResponse {
  @ApiProperty() pending!: number;
  @ApiProperty() running!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() skipped!: number;
}

export class BatchJobResponse {
  @ApiProperty() jobId!: string;
  @ApiProperty({ description: 'The ISV workspace that runs it.' }) workspaceId!: string;
  @ApiProperty({ enum: BATCH_JOB_KINDS }) kind!: BatchJobKind;
  @ApiProperty({ enum: BATCH_JOB_STATUSES }) status!: BatchJobStatus;
  @ApiPropertyOptional({ enum: ['FAILURE_RATIO', 'QUOTA', 'MEMBER'] }) pausedReason?: BatchJobPauseReason;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() total!: number;
  @ApiProperty({ type: () => BatchJobCountsResponse }) counts!: BatchJobCountsResponse;
  @ApiProperty({ type: () => BatchJobParamsRequest }) params!: BatchJobParamsRequest;
  @ApiProperty() concurrency!: number;
  @ApiProperty() maxFailureRatio!: number;
  @ApiProperty({ description: 'The member who started it; each item acts as this account.' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class BatchJobItemResponse {
  @ApiProperty() miniProgramId!: string;
  @ApiProperty({ enum: BATCH_ITEM_STATUSES }) status!: BatchItemStatus;
  @ApiPropertyOptional({ description: 'A FAILED item\'s code: what a single request would have answered.' }) code?: string;
  @ApiPropertyOptional() message?: string;
  @ApiProperty({ description: 'How many times it was run (a retry of the failed items is a new attempt).' }) attempts!: number;
}
