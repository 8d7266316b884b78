import { BadRequestException, Body, type PipeTransform } from '@nestjs/common';

/**
 * The body of a step that takes no fields (a confirmation, an approval, a withdrawal): a field sent anyway is refused
 * as any other step's unknown field is, rather than dropped without a word.
 */
export function NoFields() {
  const pipe: PipeTransform<unknown, void> = {
    transform(body: unknown): void {
      if (Array.isArray(body)) throw new BadRequestException(['body must be an object']);
      const fields = body && typeof body === 'object' ? Object.keys(body) : [];
      if (fields.length) throw new BadRequestException(fields.map((field) => `property ${field} should not exist`));
    },
  };
  return Body(pipe);
}
