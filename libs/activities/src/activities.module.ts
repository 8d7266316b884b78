import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { mailConfig } from '@avrr/config';
import { CaseRecords, PartnerDirectory } from '@avrr/persistence';
import { CaseRecordsActivities } from './case-records/case-records.activities';
import { Mailer } from './mail/mailer';
import { SentMailLog } from './mail/sent-mail-log';
import { PartnerMailService } from './partner-mail/partner-mail.activities';

/** The activities' services; needs the PersistenceModule's DataSource in the importing application. */
@Module({
  imports: [ConfigModule.forFeature(mailConfig)],
  providers: [CaseRecords, PartnerDirectory, Mailer, SentMailLog, CaseRecordsActivities, PartnerMailService],
  exports: [CaseRecordsActivities, PartnerMailService],
})
export class ActivitiesModule {}
