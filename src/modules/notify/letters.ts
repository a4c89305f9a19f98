import type { KernelContext } from '#kernel/context.ts';
import { csvDocument } from '#kernel/csv.ts';
import { renderLetters, type Letter } from '#kernel/pdf/letter.ts';
import { settingsOf } from '#kernel/settings.ts';
import type { PostalAddress } from '#modules/accounts/index.ts';
import { messageUrl } from './delivery.ts';
import type { PrintableLetter } from './repo.batches.ts';
import { notifySettings } from './settings.ts';
import type { Message } from './tables.ts';
import { toBlocks } from './templates.ts';

export function addressLines(name: string, address: PostalAddress): string[] {
  return [name, `${address.street} ${address.houseNumber}`, `${address.postalCode} ${address.city}`];
}

// The date line as DIN 5008 writes it in each language; made once, a batch formats hundreds of letters.
const letterDates = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }),
};

/**
 * A message as a DIN 5008 letter in the recipient's language; the layout itself lives in the kernel. A
 * document kept in the inbox of someone without a postal address has their name alone in the window.
 */
export function letterFor(ctx: KernelContext, message: Message, attachmentNames: string[], address: PostalAddress | null = message.postal_address): Letter {
  if (message.body === null) throw new Error(`Message ${message.id} has no letter to print`);
  const t = ctx.i18n.getFixedT(message.language);
  const city = ctx.config.CITY_NAME;
  const date = letterDates[message.language].format(message.created_at);
  const url = messageUrl(ctx, message);
  const host = new URL(ctx.config.PUBLIC_URL).host;
  return {
    letterhead: t('kernel:site.name', { city }),
    returnAddress: settingsOf(ctx, notifySettings).LETTER_RETURN_ADDRESS,
    recipient: address ? addressLines(message.recipient_name ?? '', address) : [message.recipient_name ?? ''],
    info: [
      { label: t('notify:letter.date'), value: date },
      { label: t('notify:letter.reference'), value: message.reference },
      { label: t('notify:letter.online'), value: host },
    ],
    subject: message.subject ?? '',
    blocks: toBlocks(message.body),
    attachments: { heading: t('notify:letter.attachments'), names: attachmentNames },
    qr: url ? { url, caption: t('notify:letter.qrCaption') } : undefined,
    footer: [t('kernel:site.name', { city }), host, t('notify:letter.machine')],
    pageLabel: (page, pages) => t('notify:letter.page', { page, pages }),
  };
}

export interface ManifestRow {
  position: number;
  reference: string;
  firstPage: number;
  pages: number;
  name: string;
  address: PostalAddress;
}

/** The print service's list: which pages of the PDF make which letter, and where it goes. */
export function manifestCsv(rows: readonly ManifestRow[]): string {
  return csvDocument(
    ['position', 'reference', 'first_page', 'pages', 'name', 'street', 'postal_code', 'city'],
    rows.map((row) => [row.position, row.reference, row.firstPage, row.pages, row.name, `${row.address.street} ${row.address.houseNumber}`, row.address.postalCode, row.address.city]),
  );
}

export interface RenderedBatch {
  pdf: Buffer;
  manifest: string;
  pages: number;
  /** Pages of each letter, in the order given. */
  letterPages: number[];
}

/** The batch's PDF and the manifest that says which of its pages make which letter; the two always agree. */
export async function renderBatch(ctx: KernelContext, reference: string, letters: readonly PrintableLetter[]): Promise<RenderedBatch> {
  const rendered = await renderLetters(
    letters.map((letter) => letterFor(ctx, letter.message, letter.attachments)),
    { title: `${ctx.i18n.t('notify:print.batchTitle', { lng: 'de' })} ${reference}`, author: ctx.i18n.t('kernel:site.name', { lng: 'de', city: ctx.config.CITY_NAME }), lang: 'de-DE' },
  );
  let firstPage = 1;
  const rows: ManifestRow[] = letters.map((letter, index) => {
    const row = { position: index + 1, reference: letter.message.reference, firstPage, pages: rendered.pages[index]!, name: letter.message.recipient_name ?? '', address: letter.message.postal_address! };
    firstPage += row.pages;
    return row;
  });
  return { pdf: rendered.pdf, manifest: manifestCsv(rows), pages: firstPage - 1, letterPages: rendered.pages };
}
