import { loadConfig } from '#kernel/config.ts';
import { createPlatform } from '#kernel/platform.ts';
import { modules } from '#modules/index.ts';

/** Starts the platform: database, migrations, demo data on first start, job workers and the web server. */
async function main() {
  let config;
  try {
    config = loadConfig(process.env, modules);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const platform = await createPlatform({ config, modules });
  const { app, ctx } = platform;
  await ctx.jobs.work(ctx);
  await app.listen({ port: config.PORT, host: config.HOST });
  ctx.log.info({ url: config.PUBLIC_URL, database: ctx.database.kind, mail: ctx.mailer.kind }, 'platform ready');
  // Every link in a mail or letter starts with this address; an operator who changed PORT or HOST but not
  // PUBLIC_URL sees here where those links lead before the first citizen does.
  const derived = !process.env.PUBLIC_URL?.trim();
  ctx.log.info({ publicUrl: config.PUBLIC_URL, from: derived ? 'HOST and PORT (PUBLIC_URL not set)' : 'PUBLIC_URL' }, `mails and letters link to ${config.PUBLIC_URL}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    // Requests in flight finish; new ones get 503 while the server closes.
    const timer = setTimeout(() => process.exit(1), 20_000);
    timer.unref();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
