import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { requestId } from './audit/request-id';
import { DomainExceptionFilter } from './errors/domain-exception.filter';

/** Everything main.ts sets on the application, shared with the end-to-end tests so they test the same API. */
export function configureApp(app: INestApplication): INestApplication {
  app.use(requestId);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  app.useGlobalFilters(new DomainExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('AVRR return operations')
      .setDescription('Start assisted voluntary returns, record what happened, and see where each one stands.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /auth/login' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    swaggerOptions: { persistAuthorization: true },
  });
  app.enableShutdownHooks();
  return app;
}
