import { testPolicy } from './fixtures';
import { apiClient } from './http';
import { signedInStaff } from './staff';

type Policy = ReturnType<typeof testPolicy>;

/** A client of the API signed in as a new staff member with these roles. */
export async function signedInClient(apiUrl: string, roles: Parameters<typeof signedInStaff>[1]) {
  return apiClient(apiUrl, (await signedInStaff(apiUrl, roles)).token);
}

/**
 * Publishes, as an administrator, a programme whose policy is the test policy as `change` makes it, under a code
 * unique to this run; answers the code.
 */
export async function publishProgramme(
  apiUrl: string,
  prefix: string,
  name: string,
  change: (policy: Policy) => Policy,
): Promise<string> {
  const admin = await signedInClient(apiUrl, ['administrator']);
  const code = `${prefix}-${process.pid}-${Date.now().toString(36).toUpperCase()}`;
  const created = await admin.post('/programmes', { code, name, policy: change(testPolicy()) });
  if (created.status !== 201) throw new Error(`programme ${code} not published: ${JSON.stringify(created.body)}`);
  return code;
}
