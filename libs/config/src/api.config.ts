import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { integerFromEnv, validateConfig } from './validate-config';

const PORT_RULE = 'must be a port number (0 to 65535)';

export class ApiEnv {
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: PORT_RULE })
  @Min(0, { message: PORT_RULE })
  @Max(65535, { message: PORT_RULE })
  PORT = 3000;
}

export interface ApiConfig {
  port: number;
}

export const apiConfig = registerAs('api', (): ApiConfig => ({ port: validateConfig(ApiEnv).PORT }));
