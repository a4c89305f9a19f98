import type { KernelContext } from '#kernel/context.ts';
import { readForm } from '#kernel/http/forms.ts';
import type { App, SearchHit } from '#kernel/module.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { FeedbackBody, SearchQuery } from './schemas.ts';
import { submitAccessibilityFeedback } from './service.ts';
import { searchEverywhere } from './search.ts';
import { AccessibilityPage, FeedbackThanksPage } from './views/accessibility.tsx';
import { HomePage } from './views/home.tsx';
import { ContactPage, EasyLanguagePage, ImprintPage, PrivacyPage } from './views/legal.tsx';
import { SearchPage } from './views/search.tsx';

export async function siteRoutes(app: App, ctx: KernelContext): Promise<void> {
  app.get('/', async (request, reply) => reply.html({ title: request.t('site:home.title') }, <HomePage page={request.page} />));

  app.get('/suche', { schema: { querystring: SearchQuery }, attachValidation: true }, async (request, reply) => {
    const t = request.t;
    const errors: FieldErrors = request.validationError ? { q: t('site:search.tooLong') } : {};
    const query = errors.q ? '' : (request.query.q ?? '').trim();
    const hits: SearchHit[] = query ? await searchEverywhere(ctx, query, request.lang) : [];
    const title = query ? t('site:search.resultsFor', { query }) : t('site:search.title');
    return reply
      .status(errors.q ? 400 : 200)
      .html({ title, breadcrumbs: [{ label: t('site:search.title') }], hasErrors: Boolean(errors.q) }, <SearchPage page={request.page} query={query} hits={hits} errors={errors} />);
  });

  const simple = [
    { path: '/impressum', title: 'site:imprint.title', View: ImprintPage },
    { path: '/kontakt', title: 'site:contact.title', View: ContactPage },
  ];
  for (const { path, title, View } of simple) {
    app.get(path, async (request, reply) => reply.html({ title: request.t(title), breadcrumbs: [{ label: request.t(title) }] }, <View page={request.page} />));
  }

  app.get('/leichte-sprache', async (request, reply) =>
    reply.html(
      { title: request.t('site:easyLanguage.title'), breadcrumbs: [{ label: request.t('site:easyLanguage.title') }], contentLang: 'de' },
      <EasyLanguagePage page={request.page} />,
    ),
  );

  const retention = ctx.modules.flatMap((module) => module.retention ?? []).map((rule) => rule.description);
  app.get('/datenschutz', async (request, reply) =>
    reply.html(
      { title: request.t('site:privacy.title'), breadcrumbs: [{ label: request.t('site:privacy.title') }] },
      <PrivacyPage page={request.page} retention={retention} />,
    ),
  );

  app.get('/barrierefreiheit', async (request, reply) =>
    reply.html(
      { title: request.t('site:accessibility.title'), breadcrumbs: [{ label: request.t('site:accessibility.title') }] },
      <AccessibilityPage page={request.page} values={{}} errors={{}} />,
    ),
  );

  app.post(
    '/barrierefreiheit',
    { schema: { body: FeedbackBody }, attachValidation: true, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const t = request.t;
      const form = readForm<FeedbackBody>(request);
      const result =
        Object.keys(form.errors).length > 0 ? ({ ok: false, errors: form.errors } as const) : await submitAccessibilityFeedback(ctx, t, request.body);
      const crumbs = [{ label: t('site:accessibility.title'), href: '/barrierefreiheit' }];
      if (!result.ok) {
        return reply
          .status(422)
          .html({ title: t('site:accessibility.title'), breadcrumbs: crumbs, hasErrors: true }, <AccessibilityPage page={request.page} values={form.values} errors={result.errors} />);
      }
      return reply.html({ title: t('site:accessibility.thanksTitle'), breadcrumbs: crumbs }, <FeedbackThanksPage page={request.page} reference={result.reference} />);
    },
  );
}
