import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { Omittable } from '../../validation/dto-fields';
import { MAX_UPLOAD_KEY_ALLOWLIST, MAX_UPLOAD_KEY_DAYS, type UploadKeyStatus } from '@mpp/contracts';

// The shapes of the upload key routes (API.md Integrations); miniprograms checks the rules (CIDRs, expiry, limit).

export class CreateUploadKeyRequest {
  @ApiProperty({ maxLength: 100, example: 'GitHub Actions' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ type: [String], maxItems: MAX_UPLOAD_KEY_ALLOWLIST, example: ['203.0.113.0/24'], description: 'The addresses (CIDR or one address) the key is used from; required unless allowAnyIp.' })
  @IsArray()
  @ArrayMaxSize(MAX_UPLOAD_KEY_ALLOWLIST)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ipAllowlist!: string[];

  @ApiPropertyOptional({ default: false, description: 'Usable from anywhere (then ipAllowlist may be empty).' })
  @Omittable()
  @IsBoolean()
  allowAnyIp?: boolean;

  @ApiProperty({ format: 'date-time', description: `When it stops working, at most ${MAX_UPLOAD_KEY_DAYS} days ahead.` })
  @IsISO8601({ strict: true })
  expiresAt!: string;
}

export class CreatedUploadKeyResponse {
  @ApiProperty({ format: 'uuid' }) keyId!: string;
  @ApiProperty({ example: 'mpp_uk_…', description: 'Shown this once; only its hash is kept. Send it as Authorization: Bearer to POST /v1/mini-programs/{id}/versions.' }) key!: string;
}

export class UploadKeyResponse {
  @ApiProperty({ format: 'uuid' }) keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) ipAllowlist!: string[];
  @ApiProperty() allowAnyIp!: boolean;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'The workspace that made it.' }) workspaceId!: string;
  @ApiPropertyOptional({ format: 'date-time' }) lastUsedAt?: string;
  @ApiPropertyOptional() lastUsedIp?: string;
  @ApiProperty({ enum: ['ACTIVE', 'REVOKED', 'EXPIRED'] }) status!: UploadKeyStatus;
}

export class UploadKeyListResponse {
  @ApiProperty({ type: [UploadKeyResponse] }) items!: UploadKeyResponse[];
}
