import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

// The shapes of the review quota routes (API.md "Review quota"); miniprograms' deciders check the limit again.

export class SetReviewQuotaRequest {
  @ApiProperty({ minimum: 0, maximum: 100_000, example: 200, description: 'Submissions for review a calendar month (UTC), from now on; 0 stops them.' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  limit!: number;
}

export class QuotaUsageResponse {
  @ApiProperty() limit!: number;
  @ApiProperty() used!: number;
  @ApiProperty() remaining!: number;
}

export class ReviewQuotaResponse extends QuotaUsageResponse {
  @ApiProperty() workspaceId!: string;
  @ApiProperty({ example: '2026-11', description: 'The calendar month (UTC) counted.' }) month!: string;
  @ApiProperty({ type: QuotaUsageResponse, description: 'Expedites this month (3).' }) expedite!: QuotaUsageResponse;
}

export class VersionExpeditedResponse {
  @ApiProperty({ enum: [true] }) expedited!: true;
}
