import { randomUUID } from 'node:crypto';
import type { RoleGrant } from '#kernel/auth/actor.ts';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import type { TestPlatform } from '#test/platform.ts';
import { digitalPilot } from '../permissions.ts';

/** A digital pilot's grant as the staff pages make it: bound to the office whose consultation desks they serve. */
export function pilotGrant(officeId: string = randomUUID()): RoleGrant {
  return { role: digitalPilot, scopeKind: 'office', scopeId: officeId };
}

/** A digital pilot signed in through the real login; without an office, one whose desks no test looks at. */
export async function pilotClient(platform: TestPlatform, officeId?: string) {
  const staff = await buildStaff(platform.ctx, [pilotGrant(officeId)]);
  const client = new FormClient(platform.app);
  await signInStaff(client, staff);
  return { client, user: staff.user };
}
