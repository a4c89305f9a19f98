import { parseArgs } from 'node:util';
import { systemActor } from '#kernel/auth/actor.ts';
import type { CliCommand } from '#kernel/module.ts';
import { createStaff } from './service.staff.ts';

export const createStaffCommand: CliCommand = {
  name: 'create-staff',
  summary: 'Creates a staff account and mails (and prints) the invitation link',
  usage: '--email <address> --name <display name> --role <role> [--role <role> …] [--office <office id>]',
  async run(ctx, args, output) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        office: { type: 'string' },
      },
    });
    const t = ctx.i18n.getFixedT('en');
    const result = await createStaff(ctx, systemActor('cli'), t, {
      email: values.email ?? '',
      displayName: values.name ?? '',
      roles: values.role ?? [],
      office: values.office,
    });
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.errors)) output.err(`${field}: ${message}`);
      return 1;
    }
    await ctx.jobs.drain(ctx, ['kernel.send-mail']);
    output.out(`Staff account ${result.userId} created.`);
    output.out(`Invitation link (valid 7 days): ${result.inviteLink}`);
    return 0;
  },
};
