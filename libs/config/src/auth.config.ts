import { registerAs } from '@nestjs/config';
import { Expose, Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { integerFromEnv, validateConfig } from './validate-config';

export class AuthEnv {
  /** Signs the tokens the API issues (HS256). */
  @Expose()
  @IsString({ message: 'must be set: a random secret of at least 32 characters' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  AUTH_JWT_SECRET!: string;

  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of seconds, at least 60' })
  @Min(60, { message: 'must be a whole number of seconds, at least 60' })
  AUTH_TOKEN_TTL_SECONDS = 900;

  /** The first administrator, created on a database without staff. */
  @Expose()
  @Matches(/^[a-z0-9._-]{3,60}$/, {
    message: 'must be 3 to 60 lower-case letters, digits, dots, dashes or underscores',
  })
  AUTH_ADMIN_USERNAME = 'admin';

  @Expose()
  @IsOptional()
  @MinLength(12, { message: 'must be at least 12 characters' })
  AUTH_ADMIN_PASSWORD?: string;

  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number, at least 1' })
  @Min(1, { message: 'must be a whole number, at least 1' })
  AUTH_LOGIN_MAX_FAILURES = 5;

  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of seconds, at least 1' })
  @Min(1, { message: 'must be a whole number of seconds, at least 1' })
  AUTH_LOGIN_WINDOW_SECONDS = 900;

  /** How long a staff record's access version is cached between requests (each API instance invalidates its own). */
  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(0, { message: 'must be a whole number of seconds' })
  AUTH_STAFF_CHECK_CACHE_SECONDS = 2;

  /** An organisation's identity provider: tokens it signs are accepted too. */
  @Expose()
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be the issuer URL of an OpenID Connect provider' })
  AUTH_OIDC_ISSUER?: string;

  @Expose()
  @IsOptional()
  @IsString()
  AUTH_OIDC_AUDIENCE?: string;

  /** The staff console's client id at the provider, for its sign-in with PKCE; without it the console offers none. */
  @Expose()
  @IsOptional()
  @IsString()
  AUTH_OIDC_CONSOLE_CLIENT_ID?: string;

  @Expose()
  @IsString()
  AUTH_OIDC_ROLES_CLAIM = 'roles';

  /** `idp-role=our-role` pairs, comma-separated; without it the claim must carry our role names. */
  @Expose()
  @IsOptional()
  @Matches(/^[^=,\s]+=[a-z-]+(,[^=,\s]+=[a-z-]+)*$/, { message: 'must be idp-role=role pairs, comma-separated' })
  AUTH_OIDC_ROLE_MAP?: string;

  /** The claim listing the programme codes a user covers ("*" for all); without it, none. */
  @Expose()
  @IsString()
  AUTH_OIDC_PROGRAMMES_CLAIM = 'programmes';

  @Expose()
  @Transform(integerFromEnv)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(0, { message: 'must be a whole number of seconds' })
  AUTH_OIDC_JWKS_CACHE_SECONDS = 600;
}

export interface AuthConfig {
  jwtSecret: string;
  tokenTtlSeconds: number;
  admin: { username: string; password?: string };
  loginThrottle: { maxFailures: number; windowSeconds: number };
  staffCheckCacheSeconds: number;
  oidc?: {
    issuer: string;
    audience?: string;
    consoleClientId?: string;
    rolesClaim: string;
    roleMap?: Record<string, string>;
    programmesClaim: string;
    jwksCacheSeconds: number;
  };
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const e = validateConfig(AuthEnv, env);
  return {
    jwtSecret: e.AUTH_JWT_SECRET,
    tokenTtlSeconds: e.AUTH_TOKEN_TTL_SECONDS,
    admin: { username: e.AUTH_ADMIN_USERNAME, password: e.AUTH_ADMIN_PASSWORD },
    loginThrottle: { maxFailures: e.AUTH_LOGIN_MAX_FAILURES, windowSeconds: e.AUTH_LOGIN_WINDOW_SECONDS },
    staffCheckCacheSeconds: e.AUTH_STAFF_CHECK_CACHE_SECONDS,
    oidc: e.AUTH_OIDC_ISSUER
      ? {
          issuer: e.AUTH_OIDC_ISSUER,
          audience: e.AUTH_OIDC_AUDIENCE,
          consoleClientId: e.AUTH_OIDC_CONSOLE_CLIENT_ID,
          rolesClaim: e.AUTH_OIDC_ROLES_CLAIM,
          roleMap: e.AUTH_OIDC_ROLE_MAP
            ? Object.fromEntries(e.AUTH_OIDC_ROLE_MAP.split(',').map((pair) => pair.split('=') as [string, string]))
            : undefined,
          programmesClaim: e.AUTH_OIDC_PROGRAMMES_CLAIM,
          jwksCacheSeconds: e.AUTH_OIDC_JWKS_CACHE_SECONDS,
        }
      : undefined,
  };
}

export const authConfig = registerAs('auth', () => authConfigFromEnv());
