import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { apiConfig, type ApiConfig } from '@avrr/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

export async function runApi(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  const { port } = app.get<ApiConfig>(apiConfig.KEY);
  await app.listen(port);
  app.get(Logger).log(`Listening on ${await app.getUrl()}`, 'Api');
}

if (require.main === module) {
  runApi().catch((error: unknown) => {
    console.error(error);
    // Open connections would keep a process that never listens alive: `npm start` restarts one that exits.
    process.exit(1);
  });
}
