import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import type { AuthenticatedRequest } from './principal';
import type { Role } from './roles';
import { StaffAccess } from './staff-access';
import { InvalidTokenError, TokenService, type VerifiedToken } from './token-service';

/**
 * The one guard on every route, deny by default: a public route is open; any other needs a valid token (401
 * otherwise) and one of the roles the route declares (403 otherwise, and always where it declares none).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly staffAccess: StaffAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('sign in: send "Authorization: Bearer <token>"');
    let verified: VerifiedToken;
    try {
      verified = await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(`invalid token: ${error.message}`);
      throw error;
    }
    // A local token speaks for the staff directory only while the record it was issued from is unchanged.
    const { principal, accessVersion } = verified;
    if (accessVersion !== null && !(await this.staffAccess.stillGranted(principal.id, accessVersion))) {
      throw new UnauthorizedException('your access was changed or withdrawn: sign in again');
    }
    request.user = principal;
    request.accessVersion = accessVersion;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!request.user.roles.some((role) => allowed.includes(role))) {
      throw new ForbiddenException(
        allowed.length ? `this needs one of the roles: ${allowed.join(', ')}` : 'this route is open to no role',
      );
    }
    return true;
  }
}
