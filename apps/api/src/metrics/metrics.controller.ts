import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/access.decorators';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  /** Counts and durations only, never a case reference or a name: scraped by Prometheus without a token. */
  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: request durations, returns by stage, overdue and failing returns' })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
