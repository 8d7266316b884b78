import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { integerFromEnv, validateConfig } from './validate-config';

export class ApiEnv {
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a port number' })
  @Min(0)
  @Max(65535)
  PORT = 3000;
}

export interface ApiConfig {
  port: number;
}

export const apiConfig = registerAs('api', (): ApiConfig => ({ port: validateConfig(ApiEnv).PORT }));
