import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';

/** The rules that say what a value is (a list, an object, present): when one fails, the value's other rules do not apply. */
const SHAPE_RULES = ['isDefined', 'isArray', 'isObject'];

/**
 * Nest's validation pipe, with two differences. A value of the wrong shape (`dependants: {}`) is refused for its shape
 * alone: without it, the rules of the list's items or the object's fields were checked as well, and their messages
 * ("dependants.givenName must be ...", "must contain no more than 20 elements") named rules the request never broke. And a path
 * segment is left as written (transformPrimitive).
 */
export class ShapeFirstValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    return (await super.validate(object, options)).map(shapeFirst);
  }

  /** A path segment stays as written for its own pipe (WholeNumberParam): read as a number here, `1e1` was 10. */
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}

function shapeFirst(error: ValidationError): ValidationError {
  const shape = SHAPE_RULES.find((rule) => error.constraints?.[rule]);
  if (shape) return { ...error, constraints: { [shape]: error.constraints![shape] }, children: [] };
  return { ...error, children: error.children?.map(shapeFirst) };
}
