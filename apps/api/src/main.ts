import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { apiConfig, type ApiConfig } from '@avrr/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

export async function runApi(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule));
  const { port } = app.get<ApiConfig>(apiConfig.KEY);
  await app.listen(port);
  new Logger('Api').log(`Listening on ${await app.getUrl()}`);
}

if (require.main === module) {
  runApi().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
