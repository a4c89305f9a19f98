import { defineModule } from '#kernel/module.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { initiativesModule } from '#modules/initiatives/manifest.ts';
import { maintenancePart } from '../part.ts';

/**
 * The whole platform with the maintenance pages. Until the module's manifest lists the maintenance part, a
 * stand-in joins it under the module's own namespace (the module's texts and the part's, its routes and
 * jobs only), so the pages are tested as they will be served.
 */
export async function maintenancePlatform(): Promise<TestPlatform> {
  const wired = initiativesModule.jobs?.some((job) => job.name === 'initiatives.send-edit-links') ?? false;
  if (wired) return createTestPlatform();
  const locales = initiativesModule.locales!;
  const standIn = defineModule({
    id: 'initiatives',
    locales: { de: { ...locales.de, ...maintenancePart.locales.de }, en: { ...locales.en, ...maintenancePart.locales.en } },
    routes: maintenancePart.routes!,
    jobs: maintenancePart.jobs!,
    accountLinks: maintenancePart.accountLinks!,
  });
  return createTestPlatform({}, [standIn]);
}
