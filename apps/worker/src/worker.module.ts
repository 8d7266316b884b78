import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ActivitiesModule } from '@avrr/activities';
import { databaseConfig, mailConfig, temporalConfig, travelConfig } from '@avrr/config';
import { PersistenceModule } from '@avrr/persistence';
import { TemporalWorker } from './temporal-worker';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [temporalConfig, databaseConfig, mailConfig, travelConfig],
    }),
    PersistenceModule.forRoot({ runMigrations: false }),
    ActivitiesModule,
  ],
  providers: [TemporalWorker],
})
export class WorkerModule {}
