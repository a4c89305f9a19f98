import Type from 'typebox';
import { defineModule } from '#kernel/module.ts';

/** The permission a caseClerk holds for the cases of their own office only. */
export const openCases = 'cases.open';

/**
 * A module of the tests' own that brings a role bound to an office (the catalogue keeps offices as a scope
 * kind), as an applications module would: its one page lists an office's cases and asks for the permission
 * at that office.
 */
export const casesModule = defineModule({
  id: 'cases',
  roles: [{ id: 'case-clerk', label: 'cases:roles.caseClerk', description: 'cases:roles.caseClerkText', scope: 'office' }],
  permissions: { [openCases]: ['case-clerk', 'administrator'] },
  staffLinks: [{ path: '/verwaltung/faelle', label: 'cases:title', permission: openCases, order: 5 }],
  locales: {
    de: { title: 'Fälle', roles: { caseClerk: 'Fallbearbeitung', caseClerkText: 'Bearbeitet die Anträge einer Dienststelle.' } },
    en: { title: 'Cases', roles: { caseClerk: 'Case handling', caseClerkText: 'Handles the applications of one office.' } },
  },
  routes: async (app, ctx) => {
    app.get('/verwaltung/faelle/:office', { schema: { params: Type.Object({ office: Type.String({ format: 'uuid' }) }) } }, async (request, reply) => {
      ctx.permissions.require(request.actor, openCases, { kind: 'office', id: request.params.office });
      return reply.type('text/plain').send(`cases of ${request.params.office}`);
    });
  },
});
