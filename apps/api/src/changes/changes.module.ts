import { Module } from '@nestjs/common';
import { CaseChanges } from './case-changes';

/** One listener per API instance for the changes PostgreSQL notifies, shared by the modules that read cases. */
@Module({ providers: [CaseChanges], exports: [CaseChanges] })
export class ChangesModule {}
