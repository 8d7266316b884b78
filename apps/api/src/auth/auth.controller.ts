import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import { authConfig, type AuthConfig } from '@avrr/config';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SignInDto } from '../staff/dto/staff.dto';
import { Public, Roles } from './access.decorators';
import { CurrentUser, type AuthenticatedRequest, type StaffPrincipal } from './principal';
import { ROLES, type Role } from './roles';
import { SignInService } from './sign-in.service';

class TokenView {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
}

class PrincipalView implements StaffPrincipal {
  @ApiProperty({ description: "A local user's id, or <issuer>|<subject> for the identity provider's users" })
  id!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ type: [String], nullable: true, description: 'Programme codes the grant covers; null for all' })
  programmes!: string[] | null;
}

class IdentityProviderView {
  @ApiProperty({ example: 'https://login.example.org/realms/avrr' }) issuer!: string;
  @ApiProperty({ description: "The staff console's client id at the provider" }) clientId!: string;
}

class SignInOptionsView {
  @ApiProperty({ type: IdentityProviderView, nullable: true, description: 'Sign-in with PKCE, where configured' })
  identityProvider!: IdentityProviderView | null;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  @Get('sign-in-options')
  @Public()
  @ApiOperation({ summary: "How staff may sign in: a local account, and the organisation's identity provider" })
  @ApiOkResponse({ type: SignInOptionsView })
  options(): SignInOptionsView {
    const oidc = this.config.oidc;
    return {
      identityProvider: oidc?.consoleClientId ? { issuer: oidc.issuer, clientId: oidc.consoleClientId } : null,
    };
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with a local account; paste the token into "Authorize" above' })
  @ApiOkResponse({ type: TokenView })
  @ApiUnauthorizedResponse({ description: 'User name or password is wrong' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this account or address' })
  async login(@Body() dto: SignInDto, @Req() request: AuthenticatedRequest): Promise<TokenView> {
    const { principal, accessToken, tokenType, expiresIn } = await this.signIn.signIn(
      dto.username,
      dto.password,
      request.ip ?? 'unknown',
    );
    request.user = principal; // so the audit trail names who signed in
    return { accessToken, tokenType, expiresIn };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who the token belongs to: staff id, roles, programme grants' })
  @ApiOkResponse({ type: PrincipalView })
  me(@CurrentUser() user: StaffPrincipal): StaffPrincipal {
    return user;
  }
}
