import path from 'node:path';
import { defineSettings, integer, optional } from '#kernel/settings.ts';

/** What an installation sets for applications; read with `settingsOf(ctx, applicationsSettings)`. */
export const applicationsSettings = defineSettings({
  APPLICATION_DRAFT_DAYS: {
    description: 'Days after the last change after which an application that was started but not sent is deleted',
    default: '30',
    parse: integer(1, 365),
  },
  APPLICATION_EXPORT_DIR: {
    description:
      'Directory that receives each submitted case for specialist systems, as a folder per case reference (case.json, answers.schema.json, receipt and uploaded files; see src/modules/applications/export/README.md); when empty, cases are not exported',
    default: '',
    parse: optional((raw: string) => path.resolve(raw)),
  },
});
