import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import type { FormFile } from '#kernel/forms/index.ts';

/*
 * An initiative's logo: an image in the kernel's file store (re-encoded there without metadata), referenced
 * by the entry, always with a description for people who cannot see it. SVG is not taken: it may carry script.
 */

export const logoTypes = ['image/png', 'image/jpeg', 'image/webp'];
export const maxLogoBytes = 2 * 1024 * 1024;

const owner = (initiativeId: string) => ({ module: 'initiatives', kind: 'logo', id: initiativeId });

/** The public address of a published entry's logo; the file's name in it makes a new logo a new address for caches. */
export const logoPath = (slug: string, fileId: string) => `/initiativen/${encodeURIComponent(slug)}/logo?v=${fileId.slice(0, 16)}`;

export type LogoChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'replace'; upload: FormFile };

/** What the form asks for: a new file replaces the logo, the box removes it, otherwise it stays. */
export function logoChangeOf(input: { logo: FormFile | null; removeLogo?: boolean }): LogoChange {
  if (input.logo) return { kind: 'replace', upload: input.logo };
  return input.removeLogo ? { kind: 'remove' } : { kind: 'keep' };
}

/** A logo without a description would be an image nobody can be told about. */
export function logoNeedsDescription(change: LogoChange, current: string | null, description: string): boolean {
  const hasLogo = change.kind === 'replace' || (change.kind === 'keep' && current !== null);
  return hasLogo && description.trim() === '';
}

/**
 * Points the entry's reference at the new logo, or drops it, in the transaction that saves the entry; the
 * file store removes a logo no entry references any more. Undefined when the file turned out infected.
 */
export async function referenceLogo(ctx: KernelContext, trx: Executor<KernelTables>, initiativeId: string, change: LogoChange): Promise<{ fileId: string | null } | undefined> {
  if (change.kind === 'keep') throw new Error('referenceLogo is for a changed logo');
  await ctx.files.removeRefs(trx, owner(initiativeId));
  if (change.kind === 'remove') return { fileId: null };
  const ref = await ctx.files.addRef(trx, { fileId: change.upload.file.id, owner: owner(initiativeId), personal: false });
  return ref.ok ? { fileId: change.upload.file.id } : undefined;
}

/** Rolls back the transaction saving an entry whose new logo was found infected between upload and saving. */
export class LogoRefused extends Error {}
