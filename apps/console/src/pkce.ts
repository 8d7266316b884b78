/**
 * Sign-in at the organisation's identity provider: OAuth 2.0 authorization code with PKCE (RFC 7636), as a public
 * client. The verifier waits in sessionStorage for the redirect back only, and is removed at once; the token it
 * buys stays in memory like a local one.
 */
const PENDING = 'avrr.pkce';
export const CALLBACK_PATH = '/console/signed-in';

interface Pending {
  verifier: string;
  state: string;
  tokenEndpoint: string;
  clientId: string;
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

export async function startProviderSignIn(issuer: string, clientId: string): Promise<void> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const discovery = (await response.json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const pending: Pending = { verifier, state, tokenEndpoint: discovery.token_endpoint, clientId };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Back from the provider: trades the code for the access token (with the verifier only this tab knows). */
export async function finishProviderSignIn(search: URLSearchParams): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  const code = search.get('code');
  if (!pending || !code || search.get('state') !== pending.state) {
    throw new Error(search.get('error_description') ?? search.get('error') ?? 'the sign-in was not started here');
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error ?? `the provider answered ${response.status}`);
  return body.access_token;
}
