import { registerAs } from '@nestjs/config';
import { Expose } from 'class-transformer';
import { Matches } from 'class-validator';
import { validateConfig } from './validate-config';

export class DatabaseEnv {
  @Expose()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL!: string;
}

export interface DatabaseConfig {
  url: string;
}

export const databaseConfig = registerAs('database', (): DatabaseConfig => ({
  url: validateConfig(DatabaseEnv).DATABASE_URL,
}));
