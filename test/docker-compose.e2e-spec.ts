import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { parse } from 'yaml';
import { RETURN_SEARCH_ATTRIBUTES } from '@avrr/contracts';
import {
  ApiEnv,
  AuthEnv,
  authConfigFromEnv,
  DatabaseEnv,
  MailEnv,
  PaymentEnv,
  ReportsEnv,
  TemporalEnv,
  temporalConfigFromEnv,
  TravelEnv,
  validateConfig,
} from '@avrr/config';
import composeSpec from './support/compose-spec/compose-spec.json';

/**
 * Docker does not run on the project's machines, so `docker compose up` is never tried here. What can be checked
 * is: the file is a Compose file by the specification's own schema, what it names is defined, and it gives the API
 * and the worker an environment their configuration accepts, with the search attributes the workflows set.
 */
type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  configs?: { source: string }[];
  volumes?: string[];
};
type ComposeFile = {
  services: Record<string, Service>;
  configs?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
};

const composeText = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8');
const compose = (): ComposeFile => parse(composeText, { merge: true });
// Draft-07, named as Ajv knows it (the schema names it with https, and no trailing #).
const schema = { ...composeSpec, $schema: 'http://json-schema.org/draft-07/schema#' };
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Compose's interpolation with nothing set in the shell: `${VAR:-default}` is the default, `$$` a dollar. */
const interpolated = (value: string | number) =>
  String(value)
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
    .replace(/\$\$/g, '$');
const environmentOf = (service: Service): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolated(v)]));

const APP_SETTINGS: ClassConstructor<object>[] = [
  ApiEnv,
  AuthEnv,
  DatabaseEnv,
  MailEnv,
  PaymentEnv,
  ReportsEnv,
  TemporalEnv,
  TravelEnv,
];
/** The variables one of the app's settings classes reads. */
const readByTheApp = (name: string) =>
  APP_SETTINGS.some(
    (settings) =>
      (plainToInstance(settings, { [name]: 'x' }, { excludeExtraneousValues: true }) as Record<string, unknown>)[
        name
      ] !== undefined,
  );

describe('docker-compose.yml', () => {
  it('is a Compose file by the Compose Specification schema', () => {
    expect(validate(compose()) ? [] : validate.errors).toEqual([]);
  });

  it('is refused by that schema when a dependency waits on a condition Compose does not know', () => {
    const broken = compose();
    broken.services.worker.depends_on!.api.condition = 'service_ready';
    expect(validate(broken)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/services/worker/depends_on/api/condition', keyword: 'enum' }),
    );
  });

  it('depends on, mounts and configures only what it defines', () => {
    const { services, configs = {}, volumes = {} } = compose();
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect([name, dependency in services]).toEqual([name, true]);
      for (const { source } of service.configs ?? []) expect([name, source in configs]).toEqual([name, true]);
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (!source.startsWith('/') && !source.startsWith('.')) expect([name, source in volumes]).toEqual([name, true]);
      }
    }
  });

  it.each(['api', 'worker'])(
    'gives the %s an environment its configuration accepts, each variable one it reads',
    (name) => {
      const env = environmentOf(compose().services[name]);
      expect(Object.keys(env).filter((variable) => !readByTheApp(variable))).toEqual([]);
      for (const settings of APP_SETTINGS) expect(() => validateConfig(settings, env)).not.toThrow();
      expect(() => authConfigFromEnv(env)).not.toThrow();
      expect(temporalConfigFromEnv(env)).toMatchObject({ address: 'temporal:7233', namespace: 'default' });
    },
  );

  it('creates the search attributes the workflows set, with their types', () => {
    const setup = compose().services['temporal-admin-tools'].command!.join('\n');
    const created = /attributes='([^']+)'/.exec(setup)![1].split(' ');
    const typeName = (type: string) => type.charAt(0) + type.slice(1).toLowerCase();
    expect(created.sort()).toEqual(RETURN_SEARCH_ATTRIBUTES.map((a) => `${a.name}:${typeName(a.type)}`).sort());
  });
});
