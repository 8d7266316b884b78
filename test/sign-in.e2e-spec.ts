import { Client as PgClient } from 'pg';
import { apiClient } from './support/http';
import { StandInIdentityProvider } from './support/identity-provider';
import { startApi, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';

describe('local sign-in', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('issues a token that says who signed in, and never says which part of a refused sign-in was wrong', async () => {
    const monitor = await signedInStaff(api.url, ['monitor'], { programmes: ['AVRR-RO-2026'] });
    const me = await apiClient(api.url, monitor.token).get('/auth/me');
    expect(me.body).toEqual({ id: monitor.id, roles: ['monitor'], programmes: ['AVRR-RO-2026'] });

    const wrongPassword = await apiClient(api.url).post('/auth/login', {
      username: monitor.username,
      password: 'nope',
    });
    const noSuchUser = await apiClient(api.url).post('/auth/login', { username: 'no-such-user', password: 'nope' });
    expect([wrongPassword.status, wrongPassword.body.message]).toEqual([401, ['user name or password is wrong']]);
    expect([noSuchUser.status, noSuchUser.body.message]).toEqual([401, ['user name or password is wrong']]);
  });

  it('slows down guessing: after 5 failures the account is refused with 429, even the right password', async () => {
    const target = await signedInStaff(api.url, ['case-worker']);
    const attempt = (password: string) =>
      apiClient(api.url).post('/auth/login', { username: target.username, password });
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);

    const throttled = await attempt(target.password);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(800); // what is left of the 900 s window
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(throttled.body.message[0]).toMatch(/too many sign-in attempts/);

    // Another account from the same address is not locked out by it.
    const colleague = await signedInStaff(api.url, ['case-worker']);
    expect(colleague.token).toBeTruthy();
  });

  it('refuses a disabled account', async () => {
    const admin = await signedInStaff(api.url, ['administrator']);
    const leaver = await signedInStaff(api.url, ['case-worker']);
    const invalid = await apiClient(api.url, admin.token).call('PATCH', `/staff/${leaver.id}`, { roles: ['pilot'] });
    expect([invalid.status, invalid.body.message]).toEqual([
      400,
      ['roles must each be one of: administrator, case-worker, supervisor, finance-officer, monitor, auditor'],
    ]);
    const disabled = await apiClient(api.url, admin.token).call('PATCH', `/staff/${leaver.id}`, { active: false });
    expect([disabled.status, disabled.body.active]).toEqual([200, false]);
    expect(
      (await apiClient(api.url).post('/auth/login', { username: leaver.username, password: leaver.password })).status,
    ).toBe(401);
  });
});

describe("sign-in through the organisation's identity provider", () => {
  const idp = new StandInIdentityProvider();
  let api: RunningApi;
  const env = {
    AUTH_OIDC_AUDIENCE: 'avrr-api',
    AUTH_OIDC_ROLE_MAP: 'AVRR.CaseWorker=case-worker,AVRR.Audit=auditor',
    AUTH_OIDC_JWKS_CACHE_SECONDS: '1',
  };

  beforeAll(async () => {
    await idp.start();
    Object.assign(process.env, env, { AUTH_OIDC_ISSUER: idp.issuer });
    api = await startApi();
  });

  afterAll(async () => {
    await api?.close();
    for (const name of [...Object.keys(env), 'AUTH_OIDC_ISSUER']) delete process.env[name];
    await idp.stop();
  });

  it('accepts its tokens with the mapped roles, and refuses them once the key rotates away', async () => {
    const first = await idp.newKey('key-1');
    idp.publish(first);
    const token = await idp.token(first, { roles: ['AVRR.CaseWorker', 'Unrelated.Role'], programmes: '*' });

    const me = await apiClient(api.url, token).get('/auth/me');
    expect(me.body).toEqual({ id: `${idp.issuer}|u-4711`, roles: ['case-worker'], programmes: null });
    expect((await apiClient(api.url, token).get('/returns/NO-SUCH-CASE')).status).toBe(404);
    expect((await apiClient(api.url, token).get('/audit')).status).toBe(403);

    const second = await idp.newKey('key-2');
    idp.publish(second);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the JWKS cache the test configured
    const refused = await apiClient(api.url, token).get('/auth/me');
    expect(refused.status).toBe(401);

    const rotated = await idp.token(second, { roles: ['AVRR.Audit'] });
    expect((await apiClient(api.url, rotated).get('/auth/me')).body).toEqual({
      id: `${idp.issuer}|u-4711`,
      roles: ['auditor'],
      programmes: [],
    });
  });

  it('refuses a token of the provider meant for another audience', async () => {
    const key = await idp.newKey('key-3');
    idp.publish(key);
    const elsewhere = await idp.token(key, { roles: ['AVRR.CaseWorker'] }, 'some-other-app');
    expect((await apiClient(api.url, elsewhere).get('/auth/me')).status).toBe(401);
  });

  it('still accepts its own local tokens beside the provider', async () => {
    const local = await signedInStaff(api.url, ['supervisor']);
    expect((await apiClient(api.url, local.token).get('/auth/me')).body.roles).toEqual(['supervisor']);
  });
});

describe('the first administrator', () => {
  const database = `avrr_first_admin_${process.pid}`;
  const saved = { DATABASE_URL: process.env.DATABASE_URL };
  let admin: PgClient;

  beforeAll(async () => {
    admin = new PgClient({ connectionString: saved.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(saved.DATABASE_URL as string);
    url.pathname = `/${database}`;
    Object.assign(process.env, {
      DATABASE_URL: url.toString(),
      AUTH_ADMIN_USERNAME: 'first.admin',
      AUTH_ADMIN_PASSWORD: 'a-long-enough-password',
    });
  });

  afterAll(async () => {
    process.env.DATABASE_URL = saved.DATABASE_URL;
    delete process.env.AUTH_ADMIN_USERNAME;
    delete process.env.AUTH_ADMIN_PASSWORD;
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it('is created from the environment on a fresh database, once', async () => {
    for (let start = 0; start < 2; start++) {
      const api = await startApi(); // runs the migrations on the fresh database, then creates the administrator
      try {
        const login = await apiClient(api.url).post('/auth/login', {
          username: 'first.admin',
          password: 'a-long-enough-password',
        });
        expect(login.status).toBe(200);
        const staff = await apiClient(api.url, login.body.accessToken).get('/staff');
        expect(staff.body.map((u: { username: string; roles: string[] }) => [u.username, u.roles])).toEqual([
          ['first.admin', ['administrator']],
        ]);
      } finally {
        await api.close();
      }
    }
  });

  it('keeps its role and stays active while no other administrator is, and the API starts without one', async () => {
    let api = await startApi();
    try {
      const login = await apiClient(api.url).post('/auth/login', {
        username: 'first.admin',
        password: 'a-long-enough-password',
      });
      const http = apiClient(api.url, login.body.accessToken);
      const self = (await http.get('/auth/me')).body.id;
      const lastOne = 'the last active administrator keeps the role and stays active';
      // Nor is its grant narrowed: only an administrator of all programmes keeps the partners and the programmes.
      for (const change of [{ roles: ['auditor'] }, { active: false }, { programmes: [] }]) {
        const refused = await http.call('PATCH', `/staff/${self}`, change);
        expect([refused.status, JSON.stringify(refused.body)]).toEqual([409, expect.stringContaining(lastOne)]);
      }
      const nowhere = await http.post('/staff', {
        username: 'granted.nowhere',
        displayName: 'Granted nowhere',
        roles: ['case-worker'],
        programmes: ['NO-SUCH-PROGRAMME'],
      });
      expect([nowhere.status, nowhere.body.message]).toEqual([
        400,
        ['programmes names no programme: "NO-SUCH-PROGRAMME"'],
      ]);
      expect((await http.get('/staff')).body).toHaveLength(1);
    } finally {
      await api.close();
    }
    // Demoted by hand in the database: the API still starts (it logs why it cannot create the administrator).
    const own = new PgClient({ connectionString: process.env.DATABASE_URL });
    await own.connect();
    try {
      await own.query(`UPDATE staff_users SET roles = '{auditor}' WHERE username = 'first.admin'`);
    } finally {
      await own.end();
    }
    api = await startApi();
    try {
      expect((await apiClient(api.url).get('/health')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
