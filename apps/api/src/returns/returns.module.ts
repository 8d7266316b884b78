import { Module } from '@nestjs/common';
import { CaseRecords, ProgrammePolicies } from '@avrr/persistence';
import { AftercareController } from './aftercare.controller';
import { AftercareService } from './aftercare.service';
import { CaseSteps } from './case-steps';
import { CaseViews } from './case-views';
import { JourneyController } from './journey.controller';
import { JourneyService } from './journey.service';
import { ReturnWorkflows } from './return-workflows';
import { ReturnsController } from './returns.controller';
import { ReturnsService } from './returns.service';

@Module({
  controllers: [ReturnsController, JourneyController, AftercareController],
  providers: [
    ReturnsService,
    JourneyService,
    AftercareService,
    CaseSteps,
    CaseViews,
    ReturnWorkflows,
    CaseRecords,
    ProgrammePolicies,
  ],
})
export class ReturnsModule {}
