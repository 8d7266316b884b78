import { applyDecorators } from '@nestjs/common';
import { IsNumber, Max, Min } from 'class-validator';

/** The largest amount of money any field takes: far above any budget, far below the columns' numeric(12,2). */
export const MAX_AMOUNT = 1_000_000;

/** An amount of money: more than zero (or zero where `allowZero`), at most 2 decimals, at most MAX_AMOUNT. */
export function IsMoney({ allowZero = false } = {}) {
  return applyDecorators(
    IsNumber({ maxDecimalPlaces: 2 }, { message: '$property must be a number with at most 2 decimals' }),
    Min(allowZero ? 0 : 0.01),
    Max(MAX_AMOUNT),
  );
}

/** A finite number within bounds (a weight, a scale's end). */
export function IsBoundedNumber(min: number, max: number) {
  return applyDecorators(IsNumber({}, { message: '$property must be a number' }), Min(min), Max(max));
}
