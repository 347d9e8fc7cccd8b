import { ApiProperty } from '@nestjs/swagger';
import { HOST_APP_IDS } from '@mpp/contracts';

// The shapes of the ingestion key routes (API.md "Statistics").

export class IssuedIngestionKeyResponse {
  @ApiProperty({ format: 'uuid' }) keyId!: string;
  @ApiProperty({ enum: HOST_APP_IDS }) hostApp!: string;
  @ApiProperty({ example: 'mpp_ik_…', description: 'Shown this once; only its hash is kept. The host app sends it as X-Ingestion-Key.' }) key!: string;
}
