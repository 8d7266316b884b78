import { ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';

/** The rules that say what a value is (a list, an object, present): when one fails, the value's other rules do not apply. */
const SHAPE_RULES = ['isDefined', 'isArray', 'isObject'];

/**
 * Nest's validation pipe, with one difference: a value of the wrong shape (`dependants: {}`) is refused for its shape
 * alone. Without it, the rules of the list's items or the object's fields were checked as well, and their messages
 * ("dependants.givenName must be ...", "must contain no more than 20 elements") named rules the request never broke.
 */
export class ShapeFirstValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    return (await super.validate(object, options)).map(shapeFirst);
  }
}

function shapeFirst(error: ValidationError): ValidationError {
  const shape = SHAPE_RULES.find((rule) => error.constraints?.[rule]);
  if (shape) return { ...error, constraints: { [shape]: error.constraints![shape] }, children: [] };
  return { ...error, children: error.children?.map(shapeFirst) };
}
