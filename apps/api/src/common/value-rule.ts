import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * A validation rule as a property decorator: `validate` judges the value (and may read the rest of the request in
 * `args.object`), `message` is what the 400 says, starting with `$property`. The one way this API registers its rules.
 */
export function valueRule(
  name: string,
  message: string,
  validate: (value: unknown, args?: ValidationArguments) => boolean,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate },
    });
}
