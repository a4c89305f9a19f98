import { defineSettings, optional, text, url } from '#kernel/settings.ts';

/** External login through OpenID Connect; read with `settingsOf(ctx, accountsSettings)`. */
export const accountsSettings = defineSettings(
  {
    OIDC_ISSUER: { description: 'OpenID Connect issuer for external login (e.g. a BundID broker); empty disables it', default: '', parse: optional(url('http:', 'https:')) },
    OIDC_CLIENT_ID: { description: 'Client id registered at the OpenID Connect issuer', default: '', parse: text },
    OIDC_CLIENT_SECRET: { description: 'Client secret registered at the OpenID Connect issuer', default: '', parse: text, secret: true },
    OIDC_LABEL: { description: 'Name of the external login shown on the login page', default: 'BundID', parse: text },
  },
  (values) => (values.OIDC_ISSUER && !values.OIDC_CLIENT_ID ? ['OIDC_CLIENT_ID must be set when OIDC_ISSUER is set'] : []),
);
