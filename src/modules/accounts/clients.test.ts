import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#kernel/auth/sessions.ts';
import type { CliOutput } from '#kernel/module.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { resolveClient } from './clients.ts';
import { createApiClientCommand, revokeApiClientCommand } from './commands.ts';
import { accountsDb } from './repo.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

async function cli(command: typeof createApiClientCommand, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const output: CliOutput = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { code: await command.run(platform.ctx, args, output), out, err };
}

describe('API clients', () => {
  it('creates a client whose token is shown once, stored only as a hash, and resolves to its scopes', async () => {
    const created = await cli(createApiClientCommand, '--name', 'Fachverfahren', '--scope', 'notify.send', '--scope', 'notify.send');
    expect(created.code).toBe(0);
    const token = /(erk_[\w-]{43})/.exec(created.out.join('\n'))![1]!;
    const row = await accountsDb(platform.ctx.db).selectFrom('api_clients').selectAll().where('name', '=', 'Fachverfahren').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ token_hash: hashToken(token), scopes: ['notify.send'], revoked_at: null, last_used_at: null });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await resolveClient(platform.ctx.db, token)).toEqual({ kind: 'client', clientId: row.id, name: 'Fachverfahren', scopes: ['notify.send'] });
    expect((await accountsDb(platform.ctx.db).selectFrom('api_clients').select('last_used_at').where('id', '=', row.id).executeTakeFirstOrThrow()).last_used_at).not.toBeNull();
    expect(await resolveClient(platform.ctx.db, `${token}x`)).toBeNull();
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'actor_label']).where('subject_id', '=', row.id).execute();
    expect(audit).toEqual([{ action: 'accounts.api-client-created', actor_label: 'system:cli' }]);

    expect((await cli(revokeApiClientCommand, '--id', row.id)).code).toBe(0);
    expect(await resolveClient(platform.ctx.db, token)).toBeNull();
    expect(await cli(revokeApiClientCommand, '--id', row.id)).toMatchObject({ code: 1, err: [`id: no live API client ${row.id}`] });
  });

  it('refuses a client without a name or with a permission nobody declared', async () => {
    expect(await cli(createApiClientCommand, '--scope', 'notify.sned')).toMatchObject({ code: 1, err: ['name: a name is required', 'scope: unknown permission(s): notify.sned'] });
    expect(await cli(createApiClientCommand, '--name', 'Ohne Rechte')).toMatchObject({ code: 1, err: ['scope: at least one scope is required'] });
    expect(await cli(revokeApiClientCommand, '--id', 'kein-uuid')).toMatchObject({ code: 1 });
  });
});
