import { registerDecorator, type ValidationOptions } from 'class-validator';
import { durationToMs, isIsoDuration } from '@avrr/contracts';

/** An ISO-8601 duration of weeks, days, hours, minutes or seconds, longer than zero (`P14D`, `PT2S`). */
export function IsIsoDuration(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: target.constructor,
      propertyName,
      options: {
        message:
          '$property must be an ISO-8601 duration longer than zero in weeks, days, hours, minutes or seconds (P14D, PT12H)',
        ...options,
      },
      validator: { validate: (value: unknown) => isIsoDuration(value) && durationToMs(value) > 0 },
    });
}
