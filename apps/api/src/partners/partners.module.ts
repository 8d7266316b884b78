import { Module } from '@nestjs/common';
import { PartnerDirectory } from '@avrr/persistence';
import { PartnersController } from './partners.controller';

@Module({ controllers: [PartnersController], providers: [PartnerDirectory] })
export class PartnersModule {}
