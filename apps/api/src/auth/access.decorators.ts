import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './roles';

export const ROLES_KEY = 'avrr:roles';
export const PUBLIC_KEY = 'avrr:public';

/** The roles allowed on a route (or on every route of a controller). */
export function Roles(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No token, or an expired or invalid one' }),
    ApiForbiddenResponse({ description: `Allowed to: ${roles.join(', ')}` }),
  );
}

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
