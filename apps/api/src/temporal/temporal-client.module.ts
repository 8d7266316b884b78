import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import { assertNamespaceExists, temporalConfig, type TemporalConfig } from '@avrr/config';

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** A Temporal client for the API, connected from configuration (address, namespace, TLS, API key). */
@Global()
@Module({
  imports: [ConfigModule.forFeature(temporalConfig)],
  providers: [
    {
      provide: Client,
      inject: [temporalConfig.KEY],
      useFactory: async (config: TemporalConfig) => {
        const connection = await Connection.connect(config.connection);
        await assertNamespaceExists(connection.workflowService, config);
        return new Client({ connection, namespace: config.namespace });
      },
    },
    TemporalConnectionCloser,
  ],
  exports: [Client],
})
export class TemporalClientModule {}
