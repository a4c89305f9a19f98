import { systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { CatalogExport, ExportedServiceContent, OfficeContent } from '../schemas.content.ts';
import { importCatalog } from '../service.transfer.ts';
import { importProblemMessages } from '../transfer.words.ts';
import { englishOffices } from './english-offices.ts';
import { englishServices } from './english-services.ts';
import { offices } from './offices.ts';
import { bauenServices, sozialServices } from './services-bauen-soziales.ts';
import { buergerbueroServices } from './services-buergerbuero.ts';
import { familieServices } from './services-familie.ts';
import { maengelmelder, ordnungServices } from './services-ordnung.ts';
import { standesamtServices } from './services-standesamt.ts';
import { weitereServices } from './services-weitere.ts';
import { situations } from './situations.ts';

/** A service with its English twin, where one is written; instructions only for the routes it has. */
function inEnglish(service: ExportedServiceContent): ExportedServiceContent {
  const en = englishServices[service.slug];
  if (!en) return service;
  const kinds = new Set(service.channels.map((channel) => channel.kind));
  const instructions = Object.fromEntries(Object.entries(en.channelInstructions ?? {}).filter(([kind]) => kinds.has(kind as never)));
  return { ...service, en: { ...en, channelInstructions: instructions } };
}

const officeInEnglish = (office: OfficeContent): OfficeContent => (englishOffices[office.slug] ? { ...office, en: englishOffices[office.slug] } : office);

/** The demo catalogue of Erkelenz in the exchange format: everything published and marked as demo data. */
export function erkelenzCatalog(): CatalogExport {
  const published = <T>(content: T) => ({ demo: true, draft: content, published: content });
  return {
    format: 'erkelenz-digital/catalog',
    version: 1,
    exportedAt: '2026-11-27T00:00:00.000Z',
    offices: offices.map(officeInEnglish).map(published),
    lifeSituations: situations.map(published),
    services: [...buergerbueroServices, ...standesamtServices, ...ordnungServices, maengelmelder, ...bauenServices, ...sozialServices, ...familieServices, ...weitereServices].map(inEnglish).map(published),
  };
}

/**
 * Seeds the demo catalogue through the same import the back office uses, so the seed obeys every rule an
 * editor's file must (LeiKa keys, required sections, references). A seed that breaks a rule fails loudly.
 */
export async function seedCatalog(ctx: KernelContext): Promise<void> {
  const result = await importCatalog(ctx, systemActor('seed'), erkelenzCatalog());
  if (!result.ok) throw new Error(`The demo catalogue breaks the catalogue's rules:\n${importProblemMessages(ctx.i18n.getFixedT('de'), result.problems).join('\n')}`);
}
