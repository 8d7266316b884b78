import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { apiConfig, authConfig, databaseConfig, temporalConfig } from '@avrr/config';
import { PersistenceModule } from '@avrr/persistence';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { PartnersModule } from './partners/partners.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { ReturnsModule } from './returns/returns.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [apiConfig, authConfig, databaseConfig, temporalConfig],
    }),
    PersistenceModule.forRoot({ runMigrations: true }),
    TemporalClientModule,
    AuthModule,
    ReturnsModule,
    ProgrammesModule,
    PartnersModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
