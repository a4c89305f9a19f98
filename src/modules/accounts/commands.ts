import { parseArgs } from 'node:util';
import { systemActor } from '#kernel/auth/actor.ts';
import type { CliCommand } from '#kernel/module.ts';
import { createApiClient, revokeApiClient } from './clients.ts';
import { createStaff } from './service.staff.ts';
import { staffProblemMessages } from './staff-words.ts';

export const createStaffCommand: CliCommand = {
  name: 'create-staff',
  summary: 'Creates a staff account and mails the invitation link, or prints it instead with --print-link',
  usage: '--email <address> --name <display name> --role <role>[@<scope id>] [--role …] [--print-link]',
  async run(ctx, args, output) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        'print-link': { type: 'boolean' },
      },
    });
    // A role bound to a scope names it after an @: `caseworker@<office id>`.
    const given = (values.role ?? []).map((role) => role.split('@', 2) as [string, string | undefined]);
    const result = await createStaff(
      ctx,
      systemActor('cli'),
      { email: values.email ?? '', displayName: values.name ?? '', roles: given.map(([role]) => role), scopes: Object.fromEntries(given.filter(([, scope]) => scope)) },
      values['print-link'] ? 'link' : 'mail',
    );
    if (!result.ok) {
      const messages = staffProblemMessages(ctx.i18n.getFixedT('en'), ctx.permissions, result.problems);
      for (const [field, message] of Object.entries(messages)) output.err(`${field}: ${message}`);
      const roles = ctx.permissions.roles.map((role) => (role.scope ? `${role.id}@<${role.scope} id>` : role.id));
      output.err(`Roles: ${roles.join(', ')}`);
      return 1;
    }
    output.out(`Staff account ${result.userId} created.`);
    if (result.inviteLink) {
      output.out(`Invitation link (valid 7 days, not mailed): ${result.inviteLink}`);
      return 0;
    }
    await ctx.jobs.drain(ctx, ['accounts.send-account-mail']);
    output.out(`Invitation mailed to ${values.email ?? ''} (link valid 7 days).`);
    return 0;
  },
};

export const createApiClientCommand: CliCommand = {
  name: 'create-api-client',
  summary: 'Creates a machine client for the APIs and prints its bearer token (shown only this once)',
  usage: '--name <name> --scope <permission> [--scope <permission> …]',
  async run(ctx, args, output) {
    const { values } = parseArgs({ args, options: { name: { type: 'string' }, scope: { type: 'string', multiple: true } } });
    const result = await createApiClient(ctx, systemActor('cli'), { name: values.name ?? '', scopes: values.scope ?? [] });
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.errors)) output.err(`${field}: ${message}`);
      return 1;
    }
    output.out(`API client ${result.clientId} created.`);
    output.out(`Bearer token (store it now, it is not shown again): ${result.token}`);
    return 0;
  },
};

export const revokeApiClientCommand: CliCommand = {
  name: 'revoke-api-client',
  summary: 'Revokes a machine client; its token stops working at once',
  usage: '--id <client id>',
  async run(ctx, args, output) {
    const { values } = parseArgs({ args, options: { id: { type: 'string' } } });
    const id = values.id ?? '';
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) || !(await revokeApiClient(ctx, systemActor('cli'), id))) {
      output.err(`id: no live API client ${id || '(none given)'}`);
      return 1;
    }
    output.out(`API client ${id} revoked.`);
    return 0;
  },
};
