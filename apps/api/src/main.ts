import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { apiConfig, logConfigFromEnv, processLog, type ApiConfig } from '@avrr/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

export async function runApi(log = processLog(logConfigFromEnv(), 'api')): Promise<void> {
  // Until the request log takes over, Nest writes to the same log: a setting refused at boot is a line of it.
  const app = configureApp(await NestFactory.create(AppModule, { logger: log.nest }));
  const { port } = app.get<ApiConfig>(apiConfig.KEY);
  await app.listen(port);
  app.get(Logger).log(`Listening on ${await app.getUrl()}`, 'Api');
}

if (require.main === module) {
  let log: ReturnType<typeof processLog> | undefined;
  Promise.resolve()
    .then(() => runApi((log = processLog(logConfigFromEnv(), 'api'))))
    .catch((error: unknown) => {
      // In the log's format once it is configured; a LOG_* variable it refuses is said as it is.
      if (log) log.log.fatal({ context: 'Api' }, String(error));
      else console.error(String(error));
      // Open connections would keep a process that never listens alive: `npm start` restarts one that exits.
      process.exit(1);
    });
}
