import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller';
import { ReturnsMetrics } from './returns-metrics';

/** The API's Prometheus metrics, in a registry of its own (one per application). */
@Module({
  controllers: [MetricsController],
  providers: [{ provide: Registry, useFactory: () => new Registry() }, ReturnsMetrics],
  exports: [Registry],
})
export class MetricsModule {}
