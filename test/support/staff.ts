import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import type { Role } from '../../apps/api/src/auth/roles';
import { testStack } from './test-env';

export interface SignedIn {
  id: string;
  username: string;
  password: string;
  token: string;
}

/** Adds a staff user with these roles to the database, then signs in through the API's own login. */
export async function signedInStaff(
  apiUrl: string,
  roles: Role[],
  { programmes = null as string[] | null } = {},
): Promise<SignedIn> {
  const username = `t-${roles.join('.')}-${randomBytes(6).toString('hex')}`.slice(0, 60);
  const password = randomBytes(12).toString('base64url');
  const db = new Client({ connectionString: testStack().databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `INSERT INTO staff_users (username, display_name, password_hash, roles, programmes)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [username, `Test ${roles.join(', ')}`, await hashPassword(password), roles, programmes],
    );
    const response = await fetch(`${apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`sign-in of ${username} answered ${response.status}`);
    const { accessToken } = (await response.json()) as { accessToken: string };
    return { id: rows[0].id as string, username, password, token: accessToken };
  } finally {
    await db.end();
  }
}
