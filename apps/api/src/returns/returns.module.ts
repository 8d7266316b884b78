import { Module } from '@nestjs/common';
import { CaseRecords, ProgrammePolicies } from '@avrr/persistence';
import { CaseViews } from './case-views';
import { ReturnWorkflows } from './return-workflows';
import { ReturnsController } from './returns.controller';
import { ReturnsService } from './returns.service';

@Module({
  controllers: [ReturnsController],
  providers: [ReturnsService, CaseViews, ReturnWorkflows, CaseRecords, ProgrammePolicies],
})
export class ReturnsModule {}
