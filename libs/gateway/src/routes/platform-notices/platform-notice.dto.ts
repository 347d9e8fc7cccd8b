import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto } from '../../pagination/list-query.dto';

export class PublishPlatformNoticeRequest {
  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Scheduled maintenance' })
  @IsString()
  @Length(1, 120)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: 5000, example: 'The platform is read-only on Sunday 02:00-03:00 UTC.' })
  @IsString()
  @Length(1, 5000)
  body!: string;
}

export class PlatformNoticeResponse {
  @ApiProperty() noticeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: ['PUBLISHED', 'WITHDRAWN'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ description: 'Changes with every change; send it back in If-Match.' }) version!: number;
}

export class ListPlatformNoticesQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['PUBLISHED', 'WITHDRAWN'] })
  @IsOptional()
  @IsIn(['PUBLISHED', 'WITHDRAWN'])
  status?: 'PUBLISHED' | 'WITHDRAWN';
}
