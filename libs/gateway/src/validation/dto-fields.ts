import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

// Field decorators every route's DTOs share: each states the rule and its OpenAPI entry together.

const NOT_BLANK = /\S/;

export const NotBlank = () => Matches(NOT_BLANK, { message: ({ property }) => `${property} must not be blank` });

/**
 * A field a body may leave out. Unlike @IsOptional, null is refused: a field changes to a value, never to null
 * (send "" to empty an optional text).
 */
export const Omittable = () => ValidateIf((_object, value) => value !== undefined);

/** The field's OpenAPI entry and, unless required, Omittable. */
export const Presence = (required: boolean, doc: ApiPropertyOptions) => (required ? ApiProperty(doc) : applyDecorators(ApiPropertyOptional(doc), Omittable()));

/** Text of min to max characters that is not only spaces. */
export const Text = (required: boolean, min: number, max: number, example: string, description?: string) =>
  applyDecorators(Presence(required, { minLength: min, maxLength: max, example, description }), IsString(), Length(min, max), NotBlank());

/** Optional text of at most max characters. */
export const OptionalText = (max: number, example: string, description: string) =>
  applyDecorators(Presence(false, { maxLength: max, example, description }), IsString(), MaxLength(max));
