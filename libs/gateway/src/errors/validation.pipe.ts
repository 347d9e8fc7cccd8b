import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/**
 * Whitelists DTO fields, refuses unknown ones, converts types; failures are 400 VALIDATION_FAILED. A POST without
 * a body is validated as {} (an action whose fields are all optional needs none); a PUT or PATCH without one is
 * refused before (MediaTypeGuard).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppError.badInput('The request is not valid.', fieldErrorsOf(errors).slice(0, MAX_FIELD_ERRORS)),
  });
}
