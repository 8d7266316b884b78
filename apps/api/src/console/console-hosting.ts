import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuthConfig } from '@avrr/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Where Vite writes the staff console (`npm run console:build`); the API serves it under CONSOLE_PATH. */
export const CONSOLE_DIST = resolve(__dirname, '../../../console/dist');
export const CONSOLE_PATH = '/console';

/**
 * Helmet's headers with a Content-Security-Policy the console runs under: its own scripts only, API calls to this
 * origin, and the token exchange of a sign-in with PKCE to the identity provider's origin. No
 * upgrade-insecure-requests: on plain-http localhost it would send the console's requests to an https port that
 * nothing listens on (a deployment behind TLS gets HSTS from helmet instead).
 */
export function securityHeaders(auth: AuthConfig) {
  const issuerOrigin = auth.oidc ? [new URL(auth.oidc.issuer).origin] : [];
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'connect-src': ["'self'", ...issuerOrigin],
        'upgrade-insecure-requests': null,
      },
    },
  });
}

/**
 * Serves the built console, and its index page for every other path under it (the console routes in the browser).
 * Answers false when it is not built.
 */
export function serveConsole(app: NestExpressApplication, dist = CONSOLE_DIST): boolean {
  if (!existsSync(join(dist, 'index.html'))) return false;
  app.useStaticAssets(dist, { prefix: CONSOLE_PATH, index: false });
  app.use(CONSOLE_PATH, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    response.sendFile(join(dist, 'index.html'));
  });
  return true;
}
