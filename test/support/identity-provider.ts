import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/** An organisation's identity provider, as far as the API sees it: discovery and a JWKS it can rotate. */
export class StandInIdentityProvider {
  private server!: Server;
  private published: JWK[] = [];
  issuer = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const body =
        req.url === '/.well-known/openid-configuration'
          ? { issuer: this.issuer, jwks_uri: `${this.issuer}/jwks` }
          : req.url === '/jwks'
            ? { keys: this.published }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async newKey(kid: string): Promise<{ kid: string; privateKey: KeyLike; jwk: JWK }> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }

  publish(...keys: { jwk: JWK }[]): void {
    this.published = keys.map((k) => k.jwk);
  }

  token(
    key: { kid: string; privateKey: KeyLike },
    claims: Record<string, unknown>,
    audience = 'avrr-api',
    subject = 'u-4711',
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);
  }

  stop(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}
