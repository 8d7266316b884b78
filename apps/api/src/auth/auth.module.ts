import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { authConfig } from '@avrr/config';
import { AuditController } from '../audit/audit.controller';
import { AuditTrailInterceptor } from '../audit/audit-trail.interceptor';
import { StaffController } from '../staff/staff.controller';
import { StaffDirectory } from '../staff/staff-directory';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { FirstAdministrator } from './first-administrator';
import { SignInService } from './sign-in.service';
import { StaffAccess } from './staff-access';
import { TokenService } from './token-service';

/** Sign-in, the staff directory, the global deny-by-default guard and the audit trail. */
@Global()
@Module({
  imports: [ConfigModule.forFeature(authConfig)],
  controllers: [AuthController, StaffController, AuditController],
  providers: [
    TokenService,
    SignInService,
    StaffAccess,
    StaffDirectory,
    FirstAdministrator,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditTrailInterceptor },
  ],
  exports: [StaffAccess],
})
export class AuthModule {}
