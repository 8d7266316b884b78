import { BadRequestException, Param, type PipeTransform } from '@nestjs/common';

/** A path segment that must be a whole number within bounds (a tranche, a version), in digits: 400 naming it otherwise. */
export function WholeNumberParam(name: string, min: number, max: number) {
  const pipe: PipeTransform<string, number> = {
    transform(value: string): number {
      const number = /^[1-9]\d{0,8}$/.test(value) ? Number(value) : NaN;
      if (!(number >= min && number <= max)) {
        throw new BadRequestException([`${name} must be a whole number from ${min} to ${max}`]);
      }
      return number;
    },
  };
  return Param(name, pipe);
}
