import { defineSettings, text } from '#kernel/settings.ts';

/** What an installation sets for its site pages; read with `settingsOf(ctx, siteSettings)`. */
export const siteSettings = defineSettings({
  ACCESSIBILITY_CONTACT_EMAIL: {
    description: 'Address that receives feedback sent through the accessibility statement',
    default: 'barrierefreiheit@erkelenz.example',
    parse: text,
  },
});
