import { defineSettings, integer } from '#kernel/settings.ts';

/** What an installation sets for applications; read with `settingsOf(ctx, applicationsSettings)`. */
export const applicationsSettings = defineSettings({
  APPLICATION_DRAFT_DAYS: {
    description: 'Days after the last change after which an application that was started but not sent is deleted',
    default: '30',
    parse: integer(1, 365),
  },
});
