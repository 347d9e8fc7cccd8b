import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { FieldError } from '@mpp/contracts';
import { ProblemDetails } from '../errors/problem-details';

/** OpenAPI schema of one invalid field. */
@ApiSchema({ name: 'FieldError' })
export class FieldErrorSchema implements FieldError {
  @ApiProperty({ example: 'address.city' })
  field!: string;

  @ApiProperty({ example: 'city must be a string' })
  message!: string;
}

/** OpenAPI schema of an application/problem+json answer. */
@ApiSchema({ name: 'ProblemDetails' })
export class ProblemDetailsSchema implements ProblemDetails {
  @ApiProperty({ example: 'urn:mpp:problem:VALIDATION_FAILED' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is not valid.' })
  detail!: string;

  @ApiProperty({ description: 'Stable machine-readable code.', example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema] })
  errors?: FieldErrorSchema[];

  @ApiProperty({ description: 'Quote it when reporting a problem.', example: '0f8fad5b-d9cb-469f-a165-70867728950e' })
  correlationId!: string;
}
