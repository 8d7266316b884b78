import { Module } from '@nestjs/common';
import { CaseRecords, CaseStatuses, PartnerDirectory, ProgrammePolicies } from '@avrr/persistence';
import { AftercareController } from './aftercare.controller';
import { AftercareService } from './aftercare.service';
import { ClosedCaseRecords } from './closed-case-records';
import { CaseSteps } from '../steps/case-steps';
import { StepSweeper } from '../steps/step-sweeper';
import { ChangesModule } from '../changes/changes.module';
import { CaseList } from './case-list';
import { CaseViews } from './case-views';
import { JourneyController } from './journey.controller';
import { JourneyService } from './journey.service';
import { OpsController } from './ops.controller';
import { OpsVisibility } from './ops-visibility';
import { ReturnWorkflows } from './return-workflows';
import { ReturnsController } from './returns.controller';
import { ReturnsService } from './returns.service';

@Module({
  imports: [ChangesModule],
  controllers: [ReturnsController, JourneyController, AftercareController, OpsController],
  providers: [
    ReturnsService,
    JourneyService,
    AftercareService,
    ClosedCaseRecords,
    CaseSteps,
    StepSweeper,
    CaseViews,
    CaseList,
    ReturnWorkflows,
    OpsVisibility,
    CaseRecords,
    CaseStatuses,
    ProgrammePolicies,
    PartnerDirectory,
  ],
})
export class ReturnsModule {}
