import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { apiConfig, authConfig, databaseConfig, temporalConfig, type ApiConfig } from '@avrr/config';
import { PersistenceModule } from '@avrr/persistence';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { MetricsModule } from './metrics/metrics.module';
import { LogContextInterceptor } from './logging/log-context.interceptor';
import { RepeatableWrites } from './steps/repeatable-writes';
import { requestLogOptions } from './logging/request-log';
import { PartnersModule } from './partners/partners.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { ReportsModule } from './reports/reports.module';
import { ReturnsModule } from './returns/returns.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [apiConfig, authConfig, databaseConfig, temporalConfig],
    }),
    LoggerModule.forRootAsync({
      inject: [apiConfig.KEY],
      useFactory: (config: ApiConfig) => requestLogOptions(config),
    }),
    ThrottlerModule.forRootAsync({
      inject: [apiConfig.KEY],
      useFactory: (config: ApiConfig) => ({ throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }] }),
    }),
    PersistenceModule.forRoot({ runMigrations: true }),
    TemporalClientModule,
    AuthModule,
    ReturnsModule,
    ProgrammesModule,
    PartnersModule,
    MetricsModule,
    ReportsModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: LogContextInterceptor },
    { provide: APP_INTERCEPTOR, useClass: RepeatableWrites },
  ],
})
export class AppModule {}
