import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from '@mpp/contracts';
import { AppError } from '@mpp/platform';

// A deeply nested or huge body would otherwise produce an answer as large as itself.
const MAX_FIELD_ERRORS = 50;

/** One {field, message} per failed constraint; nested fields as dotted paths (`address.city`, `items.0.name`). */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: field || '(body)', message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

class GatewayValidationPipe extends ValidationPipe {
  // Nest would validate a missing body as {}, and a PUT of lists would then empty them all. A route that declares
  // a body needs one (the OpenAPI document says so); `{}` is how to send one with every field left out.
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined && this.toValidate(metadata)) {
      throw AppError.badInput('Send the request body as JSON.', [{ field: '(body)', message: 'a JSON body is required' }]);
    }
    return super.transform(value, metadata);
  }
}

/** Whitelists DTO fields, refuses unknown ones, converts types; failures (a missing body too) are 400 VALIDATION_FAILED. */
export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppError.badInput('The request is not valid.', fieldErrorsOf(errors).slice(0, MAX_FIELD_ERRORS)),
  });
}
