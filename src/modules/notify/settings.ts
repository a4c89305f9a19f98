import { defineSettings, integer, text } from '#kernel/settings.ts';

/** What an installation sets for notify; read with `settingsOf(ctx, notifySettings)`. */
export const notifySettings = defineSettings({
  NOTIFY_RETENTION_DAYS: {
    description: 'Days after which the content of sent messages (text, attachments, addresses of guests) is deleted; the delivery record stays',
    default: '365',
    parse: integer(1, 3650),
  },
  PRINT_BATCH_RETENTION_DAYS: {
    description: 'Days after printing after which a print batch (letters PDF and address list) is deleted; its figures stay',
    default: '30',
    parse: integer(1, 3650),
  },
  LETTER_RETURN_ADDRESS: {
    description: 'Return address printed in small type above the address window of letters (one line)',
    default: 'Stadt Erkelenz · Johannismarkt 17 · 41812 Erkelenz',
    parse: text,
  },
});
