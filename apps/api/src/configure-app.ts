import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { apiConfig, authConfig, type ApiConfig, type AuthConfig } from '@avrr/config';
import { requestId } from './audit/request-id';
import { securityHeaders, serveConsole } from './console/console-hosting';
import { refuseMalformedRequests } from './common/request-shape';
import { DatabaseErrorFilter } from './errors/database-error.filter';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { httpMetrics } from './metrics/http-metrics';
import { UnexpectedErrorFilter } from './errors/unexpected-error.filter';
import { answerError } from './errors/error-answer';
import { stepRequest } from './steps/step-request';
import { ShapeFirstValidationPipe } from './common/shape-first-validation';

/** Everything main.ts sets on the application, shared with the end-to-end tests so they test the same API. */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  // Behind a proxy, request.ip (audit trail, sign-in slow-down) is the client only when the proxy is trusted.
  express.set('trust proxy', app.get<ApiConfig>(apiConfig.KEY).trustProxy);
  express.disable('x-powered-by');
  app.use(securityHeaders(app.get<AuthConfig>(authConfig.KEY)));
  app.use(noStore);
  if (!serveConsole(express)) app.get(Logger).log('The staff console is not built (npm run console:build)', 'Console');
  app.use(requestId);
  app.use(httpMetrics(app.get(Registry)));
  express.useBodyParser('json', { limit: '100kb' });
  app.use(answerBodyParserErrors);
  app.use(refuseMalformedRequests);
  app.use(stepRequest);
  // A programme's history is imported as a CSV body.
  (app as NestExpressApplication).useBodyParser('text', { type: 'text/csv', limit: '50mb' });
  app.use(answerBodyParserErrors);
  app.useGlobalPipes(
    new ShapeFirstValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  // The last filter whose type matches answers: the catch-all comes first.
  app.useGlobalFilters(new UnexpectedErrorFilter(), new DatabaseErrorFilter(), new DomainExceptionFilter());
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    swaggerOptions: { persistAuthorization: true },
  });
  app.enableShutdownHooks();
  return app;
}

/** The API's OpenAPI document, from the controllers' and DTOs' decorators; the console's client is generated from it. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return withErrorAnswers(
    withStepContract(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('AVRR return operations')
          .setDescription('Start assisted voluntary returns, record what happened, and see where each one stands.')
          .setVersion('0.1.0')
          .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /auth/login' })
          .build(),
      ),
    ),
  );
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before sending it again', schema: { type: 'integer' } },
};

/**
 * Every step on a case (docs/steps.md), said where it applies: recorded once per `Idempotency-Key`, answered with the
 * case as it stands after it, 404 for a case not in the caller's grant, 503 when the workflow could not decide in time.
 */
function withStepContract(document: OpenAPIObject): OpenAPIObject {
  for (const [path, operations] of Object.entries(document.paths)) {
    const step = operations.post;
    if (!/^\/returns\/\{caseRef\}\//.test(path) || !step) continue;
    step.parameters = [
      ...(step.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'The same key with the same request is answered as the first time, with no second effect',
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      },
    ];
    step.responses['200'] = {
      description: 'The case as it stands after the step, with its ETag',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ReturnView' } } },
    };
    const conflict = step.responses['409'];
    if (conflict && !('$ref' in conflict)) {
      conflict.headers = {
        'Retry-After': {
          ...RETRY_AFTER['Retry-After'],
          description: 'Only on a refusal for now: send it again after so many seconds',
        },
      };
    }
    step.responses['400'] ??= { description: 'A field breaks a rule; the message names it' };
    step.responses['404'] ??= { description: 'No return with this case reference in your grant' };
    step.responses['503'] = {
      description:
        'The workflow could not decide in time: the step is kept (pendingSteps); send it again under the same key',
      headers: RETRY_AFTER,
    };
  }
  return document;
}

/** Every refusal's body, in the one shape the API answers it (errors/error-answer.ts). */
function withErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ErrorAnswer: {
      type: 'object',
      required: ['statusCode', 'error', 'message'],
      properties: {
        statusCode: { type: 'integer', example: 400 },
        error: { type: 'string', example: 'Bad Request' },
        message: {
          type: 'array',
          items: { type: 'string' },
          example: ['airport must be an IATA airport code such as IST'],
          description: 'What is wrong, each naming its field or reason first',
        },
      },
    },
  };
  for (const operations of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      for (const [status, response] of Object.entries(operations[method]?.responses ?? {})) {
        if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) {
          response.content = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorAnswer' } } };
        }
      }
    }
  }
  return document;
}

/** The JSON parser's refusals (not JSON, too large, an unknown charset) in the API's own error shape. */
function answerBodyParserErrors(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const { status, type, limit = 0 } = (error ?? {}) as { status?: number; type?: string; limit?: number };
  if (!status || status >= 500) return next(error);
  const message =
    type === 'entity.parse.failed'
      ? 'body is not valid JSON'
      : type === 'entity.too.large'
        ? `body is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024}mb` : `${limit / 1024}kb`}`
        : `body cannot be read (${type ?? 'unknown reason'})`;
  answerError(response, status, [message]);
}

/** Answers carry personal data: no cache keeps them. Only the API's documentation and the console's code may be cached. */
function noStore(request: Request, response: Response, next: NextFunction): void {
  if (!/^\/(docs|openapi\.json|console\/assets\/)/.test(request.path)) response.setHeader('Cache-Control', 'no-store');
  next();
}
