import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { reportsConfig } from '@avrr/config';
import { ProgrammePolicies } from '@avrr/persistence';
import { ChangesModule } from '../changes/changes.module';
import { CaseListExport } from './case-list-export';
import { HistoryImport } from './import/history-import';
import { HistoryImportController } from './import/history-import.controller';
import { ReportsController } from './reports.controller';
import { SummaryReports } from './summary-reports';

@Module({
  imports: [ConfigModule.forFeature(reportsConfig), ChangesModule],
  controllers: [ReportsController, HistoryImportController],
  providers: [SummaryReports, CaseListExport, HistoryImport, ProgrammePolicies],
})
export class ReportsModule {}
