import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import type { TestPlatform } from '#test/platform.ts';

/** A browser session of a staff member with the given roles, signed in with password and second factor. */
export async function staffClient(platform: TestPlatform, ...roles: string[]) {
  const staff = await buildStaff(platform.ctx, roles.map((role) => ({ role })));
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { client, user: staff.user };
}

export async function citizenClient(platform: TestPlatform) {
  const { user, password } = await buildCitizen(platform.ctx);
  const client = new FormClient(platform.app);
  await client.get('/anmelden');
  await client.post('/anmelden', { email: user.email!, password });
  return { client, user };
}
