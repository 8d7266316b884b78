import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDefined, IsObject, ValidateIf, ValidateNested } from 'class-validator';

/**
 * A required nested object: present, an object (not an array, not null) and valid all the way down.
 * `@ValidateNested` alone lets a missing object through and validates an array as if it were the object.
 */
export function NestedObject(type: () => new () => object) {
  return applyDecorators(
    IsDefined({ message: '$property is required' }),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/**
 * An optional field: absent, or valid. Unlike class-validator's `@IsOptional`, `null` is not taken for absent: a
 * field that may be null says so with its own rule.
 */
export const Optional = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** An optional nested object: absent, or an object valid all the way down. */
export function OptionalNestedObject(type: () => new () => object) {
  return applyDecorators(
    Optional(),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/** A required list of nested objects, each an object valid all the way down, at most `max` of them. */
export function NestedArray(type: () => new () => object, max: number) {
  return applyDecorators(
    IsArray({ message: '$property must be a list' }),
    ArrayMaxSize(max),
    IsObject({ each: true, message: '$property must each be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** A list that names each value once. */
export const NoRepeats = () => ArrayUnique({ message: '$property must not list a value twice' });
