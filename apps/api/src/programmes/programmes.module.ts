import { Module } from '@nestjs/common';
import { ProgrammePolicies } from '@avrr/persistence';
import { ProgrammesController } from './programmes.controller';

@Module({ controllers: [ProgrammesController], providers: [ProgrammePolicies] })
export class ProgrammesModule {}
