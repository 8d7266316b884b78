import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './roles';

/** The signed-in staff member, as a verified token describes them. */
export interface StaffPrincipal {
  /** Staff id: a local user's uuid, or `<issuer>|<subject>` for the identity provider's users. */
  id: string;
  roles: Role[];
  /** Programme codes the grant covers; null for all programmes. */
  programmes: string[] | null;
}

export type AuthenticatedRequest = Request & {
  user?: StaffPrincipal;
  requestId?: string;
  /** The staff record's access version a local token was issued at; null for an identity provider's token. */
  accessVersion?: number | null;
};

/** The signed-in staff member of the request (routes behind the guard always have one). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): StaffPrincipal => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without sign-in');
  return user;
});
