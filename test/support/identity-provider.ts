import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

type SigningKey = { kid: string; privateKey: KeyLike };

/**
 * An organisation's identity provider, as far as the API and the console see it: discovery, a JWKS it can rotate,
 * and the authorization code flow with PKCE (S256) for a public client, where `signsIn` is whoever signs in.
 */
export class StandInIdentityProvider {
  private server!: Server;
  private published: JWK[] = [];
  private codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  issuer = '';
  /** The user the authorization endpoint signs in (the stand-in asks for no password). */
  signsIn?: { key: SigningKey; claims: Record<string, unknown>; subject?: string };

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.answer(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    // Browsers read discovery and call the token endpoint from the console's origin.
    res.setHeader('access-control-allow-origin', '*');
    const json = (status: number, body: unknown) =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(200, {
          issuer: this.issuer,
          jwks_uri: `${this.issuer}/jwks`,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          code_challenge_methods_supported: ['S256'],
        });
      case '/jwks':
        return json(200, { keys: this.published });
      case '/authorize': {
        const p = url.searchParams;
        const redirectUri = p.get('redirect_uri');
        if (!redirectUri || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') || !this.signsIn) {
          return json(400, { error: 'invalid_request' });
        }
        const code = randomBytes(16).toString('base64url');
        this.codes.set(code, { challenge: p.get('code_challenge')!, redirectUri, clientId: p.get('client_id') ?? '' });
        const back = new URL(redirectUri);
        back.search = new URLSearchParams({ code, state: p.get('state') ?? '' }).toString();
        return void res.writeHead(302, { location: back.toString() }).end();
      }
      case '/token': {
        const form = new URLSearchParams(await bodyOf(req));
        const pending = this.codes.get(form.get('code') ?? '');
        this.codes.delete(form.get('code') ?? ''); // a code is good for one exchange
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !pending ||
          pending.challenge !== challenge ||
          pending.redirectUri !== form.get('redirect_uri') ||
          pending.clientId !== form.get('client_id')
        ) {
          return json(400, { error: 'invalid_grant' });
        }
        const { key, claims, subject } = this.signsIn!;
        return json(200, {
          access_token: await this.token(key, claims, 'avrr-api', subject),
          token_type: 'Bearer',
          expires_in: 300,
        });
      }
      default:
        return json(404, {});
    }
  }

  async newKey(kid: string): Promise<{ kid: string; privateKey: KeyLike; jwk: JWK }> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }

  publish(...keys: { jwk: JWK }[]): void {
    this.published = keys.map((k) => k.jwk);
  }

  token(key: SigningKey, claims: Record<string, unknown>, audience = 'avrr-api', subject = 'u-4711'): Promise<string> {
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

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
