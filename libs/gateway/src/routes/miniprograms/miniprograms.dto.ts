import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import type { MiniProgramStatus } from '@mpp/contracts';
import { HOST_APP_IDS, INDUSTRY_IDS } from '../catalog/catalog.dto';
import { Text } from '../../validation/dto-fields';

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
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() version!: number;
}
