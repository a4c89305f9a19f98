import type { ModuleManifest } from '#kernel/module.ts';
import { accountsModule } from './accounts/manifest.ts';
import { applicationsModule } from './applications/manifest.ts';
import { appointmentsModule } from './appointments/manifest.ts';
import { catalogModule } from './catalog/manifest.ts';
import { notifyModule } from './notify/manifest.ts';
import { initiativesModule } from './initiatives/manifest.ts';
import { learningModule } from './learning/manifest.ts';
import { opendataModule } from './opendata/manifest.ts';
import { siteModule } from './site/manifest.ts';
import { streetsModule } from './streets/manifest.ts';

/** Every module of the platform, in the order their navigation entries and routes are registered. */
export const modules: readonly ModuleManifest[] = [siteModule, catalogModule, accountsModule, notifyModule, streetsModule, applicationsModule, appointmentsModule, opendataModule, initiativesModule, learningModule];
