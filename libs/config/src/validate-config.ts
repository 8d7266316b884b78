import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Reads the variables a schema class declares (with @Expose) from the environment and validates them, so
 * that a wrong variable stops the process at boot with its name and the rule it breaks.
 */
export function validateConfig<T extends object>(schema: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  // A variable set empty (`VAR: ''` in a compose file) is as if unset: its default applies.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const config = plainToInstance(schema, set, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = validateSync(config, { stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map(
          (rule) => `${error.property}: ${rule} (got ${JSON.stringify(error.value ?? null)})`,
        ),
      ),
    );
  }
  return config;
}

/** "true"/"false" only: anything else is left as it is so that @IsBoolean reports it. */
export function booleanFromEnv({ value }: { value: unknown }): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export function integerFromEnv({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}
