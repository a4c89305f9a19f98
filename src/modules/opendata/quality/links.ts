import type { KernelContext } from '#kernel/context.ts';
import { requestOutbound } from '#kernel/outbound/request.ts';
import { portalPath } from '../addresses.ts';
import { datasetByName, resourceById } from '../service.catalog.ts';

/*
 * Whether the addresses a record names answer. Another server's address is asked through the kernel's
 * guarded requests, HEAD first (no body is fetched) and GET when a server does not take HEAD. The
 * platform's own addresses are answered from the catalogue and the file store instead: asking itself over
 * HTTP would only measure its own load, and a file that is gone is what matters.
 */

type Ctx = Pick<KernelContext, 'config' | 'db' | 'files'>;

/** Answers that may mean "not with HEAD" rather than "not here". */
const headRefused = new Set([400, 403, 405, 406, 501]);

async function remoteAlive(ctx: Ctx, url: string): Promise<boolean> {
  const head = await requestOutbound(ctx.config, url, { method: 'HEAD', discardBody: true });
  if (!head.ok) return false;
  if (head.status < 400) return true;
  // Some servers refuse HEAD itself while GET works.
  if (!headRefused.has(head.status)) return false;
  const get = await requestOutbound(ctx.config, url, { method: 'GET', discardBody: true });
  return get.ok && get.status < 400;
}

/** An own address of the portal: the dataset, resource or file it names exists and is published. */
async function ownAlive(ctx: Ctx, pathname: string): Promise<boolean | undefined> {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (`/${parts[0]}` !== portalPath || parts.length < 2) return undefined;
  const [, name, section, resourceId, ...rest] = parts;
  if (section === undefined) return (await datasetByName(ctx, name!)) !== null;
  if (section !== 'ressourcen' || !resourceId) return undefined;
  const found = await resourceById(ctx, resourceId);
  if (!found || (found.dataset.name !== name && found.dataset.id !== name)) return false;
  if (rest.length === 0) return true;
  if (rest.join('/') !== 'download') return undefined;
  if (!found.resource.current) return false;
  const file = (await ctx.files.describe([found.resource.current.fileId])).get(found.resource.current.fileId);
  return file?.status === 'clean';
}

/** Whether one address answers; undefined for an own address the portal does not know how to check. */
export async function checkUrl(ctx: Ctx, url: string): Promise<boolean | undefined> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.origin === new URL(ctx.config.PUBLIC_URL).origin) return ownAlive(ctx, target.pathname);
  return remoteAlive(ctx, url);
}

/** Checks addresses a few at a time (other servers are not to be flooded) and answers as `QualityFacts.urlAlive`. */
export async function checkUrls(ctx: Ctx, urls: Iterable<string>, parallel = 4): Promise<(url: string) => boolean | undefined> {
  const queue = [...new Set(urls)];
  const answers = new Map<string, boolean | undefined>();
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) answers.set(url, await checkUrl(ctx, url));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
  return (url) => answers.get(url);
}
