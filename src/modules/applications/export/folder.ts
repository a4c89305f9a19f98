import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { packageEntries, type CaseExporter, type CasePackage, type DeliveryResult } from './exporter.ts';
import { safeName } from './package.ts';

/*
 * The hand-off shipped with the platform: each case as a folder `<dir>/<reference>/`, for a specialist
 * system (or a person) that watches the directory. A reader never sees half a folder: the package is
 * written into a hidden sibling, each file and the folder flushed to disk, and then renamed into place in
 * one step. A folder of the reference that exists is a package delivered before.
 */

const leftoverPrefix = (reference: string) => `.${reference}.partial-`;

async function exists(target: string): Promise<boolean> {
  try {
    await fs.stat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function writeDurably(file: string, content: Buffer): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory's entries (the names of what was just written or renamed); not every system allows it. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/** A delivered folder answers with the SHA-256 of its `case.json`: the same id however often it is asked. */
async function delivered(target: string, alreadyDelivered: boolean): Promise<DeliveryResult> {
  const manifest = path.join(target, 'case.json');
  if (!(await exists(manifest))) return { ok: false, reason: `${target} exists but holds no case.json; move it away to deliver again`, retry: false };
  return { ok: true, location: target, receiptId: createHash('sha256').update(await fs.readFile(manifest)).digest('hex'), alreadyDelivered };
}

/** Hidden folders of this case that an interrupted earlier attempt left behind. */
async function removeLeftovers(dir: string, reference: string): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    if (name.startsWith(leftoverPrefix(reference))) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
}

async function writePackage(dir: string, pkg: CasePackage): Promise<DeliveryResult> {
  const reference = safeName(pkg.reference);
  const target = path.join(dir, reference);
  await fs.mkdir(dir, { recursive: true });
  if (await exists(target)) return delivered(target, true);
  await removeLeftovers(dir, reference);
  const temporary = path.join(dir, `${leftoverPrefix(reference)}${randomBytes(6).toString('hex')}`);
  await fs.mkdir(temporary);
  const folders = new Set<string>([temporary]);
  for (const entry of packageEntries(pkg)) {
    const file = path.join(temporary, entry.path);
    // A path from the package never leaves its folder.
    if (!file.startsWith(temporary + path.sep)) throw new Error(`Package path ${entry.path} leaves the package`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    folders.add(path.dirname(file));
    await writeDurably(file, entry.content);
  }
  for (const folder of folders) await syncDirectory(folder);
  try {
    await fs.rename(temporary, target);
  } catch (error) {
    // Another attempt for the same case got there first: its folder is the delivery.
    await fs.rm(temporary, { recursive: true, force: true });
    if (['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '') && (await exists(target))) return delivered(target, true);
    throw error;
  }
  await syncDirectory(dir);
  return delivered(target, false);
}

/** The folder adapter for a directory; failures of the file system come back as reasons worth retrying. */
export function folderExporter(dir: string): CaseExporter {
  return {
    name: 'folder',
    async deliver(pkg) {
      try {
        return await writePackage(dir, pkg);
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error), retry: true };
      }
    },
  };
}
