import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { authConfig, type AuthConfig } from '@avrr/config';
import type { StaffPrincipal } from './principal';
import { isRole, type Role } from './roles';

export const LOCAL_ISSUER = 'avrr-returns';
const AUDIENCE = 'avrr-returns-api';

export class InvalidTokenError extends Error {}

/** A verified token: who it names, and for a local token the staff record's access version it was issued for. */
export interface VerifiedToken {
  principal: StaffPrincipal;
  accessVersion: number | null;
}

/**
 * Issues the API's own short-lived tokens, and verifies them and (when configured) those of the organisation's
 * identity provider, whose keys come from its published JWKS.
 */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;
  private remoteKeys?: Promise<ReturnType<typeof createRemoteJWKSet>>;

  constructor(@Inject(authConfig.KEY) private readonly config: AuthConfig) {
    this.secret = new TextEncoder().encode(config.jwtSecret);
  }

  async issue(user: StaffPrincipal, accessVersion: number): Promise<{ accessToken: string; expiresIn: number }> {
    const accessToken = await new SignJWT({ roles: user.roles, programmes: user.programmes, ver: accessVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.tokenTtlSeconds}s`)
      .sign(this.secret);
    return { accessToken, expiresIn: this.config.tokenTtlSeconds };
  }

  async verify(token: string): Promise<VerifiedToken> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new InvalidTokenError('not a JWT');
    }
    try {
      if (issuer === LOCAL_ISSUER) {
        const payload = await this.verifyLocal(token);
        const accessVersion = typeof payload.ver === 'number' ? payload.ver : 0;
        return { principal: this.localPrincipal(payload), accessVersion };
      }
      const oidc = this.config.oidc;
      if (oidc && issuer === oidc.issuer) {
        return { principal: this.oidcPrincipal(await this.verifyOidc(token)), accessVersion: null };
      }
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : String(error));
    }
    throw new InvalidTokenError('token from an unknown issuer');
  }

  private async verifyLocal(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.secret, {
      issuer: LOCAL_ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    return payload;
  }

  private localPrincipal(payload: JWTPayload): StaffPrincipal {
    return {
      id: String(payload.sub),
      roles: asRoles(payload.roles),
      programmes: Array.isArray(payload.programmes) ? payload.programmes.map(String) : null,
    };
  }

  private async verifyOidc(token: string): Promise<JWTPayload> {
    const oidc = this.config.oidc!;
    const { payload } = await jwtVerify(token, await this.jwks(), {
      issuer: oidc.issuer,
      audience: oidc.audience,
    });
    return payload;
  }

  private oidcPrincipal(payload: JWTPayload): StaffPrincipal {
    const oidc = this.config.oidc!;
    const claimed = payload[oidc.rolesClaim];
    const roles = (Array.isArray(claimed) ? claimed : []).map((r) => (oidc.roleMap ? oidc.roleMap[String(r)] : r));
    const programmes = payload[oidc.programmesClaim];
    return {
      id: `${oidc.issuer}|${String(payload.sub)}`,
      roles: asRoles(roles),
      programmes: programmes === '*' ? null : Array.isArray(programmes) ? programmes.map(String) : [],
    };
  }

  /** The provider's keys, found through OpenID Connect discovery and refreshed as the provider rotates them. */
  private jwks(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    const oidc = this.config.oidc!;
    this.remoteKeys ??= (async () => {
      const discovery = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(discovery);
      if (!response.ok) throw new Error(`OpenID discovery at ${discovery} answered ${response.status}`);
      const { jwks_uri } = (await response.json()) as { jwks_uri?: string };
      if (!jwks_uri) throw new Error(`OpenID discovery at ${discovery} names no jwks_uri`);
      return createRemoteJWKSet(new URL(jwks_uri), {
        cacheMaxAge: oidc.jwksCacheSeconds * 1000,
        cooldownDuration: Math.min(30_000, oidc.jwksCacheSeconds * 1000),
      });
    })().catch((error: unknown) => {
      this.remoteKeys = undefined;
      throw error;
    });
    return this.remoteKeys;
  }
}

function asRoles(value: unknown): Role[] {
  return (Array.isArray(value) ? value : []).filter(isRole);
}
