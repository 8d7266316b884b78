import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
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
import { ROLES } from './roles';
import { SignInService } from './sign-in.service';

class TokenView {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly signIn: SignInService) {}

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
  me(@CurrentUser() user: StaffPrincipal): StaffPrincipal {
    return user;
  }
}
