import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formBody, formMessages, formState, once, readForm, withErrors, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { problemResponses } from '#kernel/http/problem-json.ts';
import type { App } from '#kernel/module.ts';
import type { FieldErrors } from '#kernel/html/page.ts';
import { everything, publicPage } from '#kernel/page-cache/index.ts';
import { searchWords } from '#kernel/search/index.ts';
import { homeSections, moduleOffers } from './home.ts';
import { feedbackForm, searchForm } from './forms.ts';
import { SuggestQuery, Suggestions } from './schemas.ts';
import { submitAccessibilityFeedback } from './service.ts';
import { facetNames, foundNothing, searchEverywhere, typeFacet } from './search.ts';
import { AccessibilityPage, FeedbackThanksPage } from './views/accessibility.tsx';
import { HomePage } from './views/home.tsx';
import { ContactPage, EasyLanguagePage, ImprintPage, PrivacyPage } from './views/legal.tsx';
import { SearchPage } from './views/search.tsx';

/** The accessibility statement with its feedback form, shown for the first time or again with its problems. */
function accessibilityPage(request: FastifyRequest, reply: FastifyReply, read: { raw: Raw; errors?: FormErrors }) {
  const t = request.t;
  const form = formState(request.page, read, feedbackForm);
  const breadcrumbs = form.hasErrors ? [{ label: t('site:accessibility.title'), href: '/barrierefreiheit' }] : [{ label: t('site:accessibility.title') }];
  return reply.status(form.hasErrors ? 422 : 200).html({ title: t('site:accessibility.title'), breadcrumbs, hasErrors: form.hasErrors }, <AccessibilityPage page={request.page} form={form} />);
}

export async function siteRoutes(app: App, ctx: KernelContext): Promise<void> {
  const offers = moduleOffers(ctx);
  app.get('/', { config: publicPage(everything) }, async (request, reply) => {
    const sections = await homeSections(ctx, request.lang);
    return reply.html({ title: request.t('site:home.title') }, <HomePage page={request.page} offers={offers} sections={sections} />);
  });

  const facets = facetNames(ctx);
  const search = searchForm(facets);
  const searchQuery = Type.Object({ ...formBody(search).properties, lang: Type.Optional(Type.String()) });
  app.get('/suche', { schema: { querystring: searchQuery }, attachValidation: true, config: publicPage(everything) }, async (request, reply) => {
    const t = request.t;
    const read = readForm(search, request, 'query');
    // Only the search field is in the form; anything else wrong came with a changed address, so the person is sent back to the field.
    const problem: FormErrors | undefined = read.ok ? undefined : read.errors.q ? { q: read.errors.q } : { q: { code: 'site:search.badAddress' } };
    const errors: FieldErrors = problem ? formMessages(request.page, problem, search) : {};
    // The facets' fields are made from the modules' declarations, so their values are read by name.
    const value = read.ok ? (read.value as Record<string, unknown>) : {};
    const text = typeof value.q === 'string' ? value.q : '';
    const filters = Object.fromEntries([typeFacet, ...facets.map((facet) => facet.name)].map((name) => [name, Array.isArray(value[name]) ? (value[name] as string[]) : []]));
    const results = text ? await searchEverywhere(ctx, text, request.lang, { filters, page: typeof value.seite === 'number' ? value.seite : undefined }) : null;
    // When nothing matches, the page offers the ways in that modules give the home page (the life situations).
    const entryPoints = results && foundNothing(results) ? await homeSections(ctx, request.lang) : [];
    const title = text ? t('site:search.resultsFor', { query: text }) : t('site:search.title');
    const hasErrors = Object.keys(errors).length > 0;
    return reply
      .status(hasErrors ? 400 : 200)
      .html({ title, breadcrumbs: [{ label: t('site:search.title') }], hasErrors }, <SearchPage page={request.page} query={text} results={results} filters={filters} errors={errors} entryPoints={entryPoints} />);
  });

  app.get(
    '/api/v1/search/suggestions',
    { schema: { tags: ['Suche'], summary: 'Titles that match what has been typed so far, services first (search as you type)', querystring: SuggestQuery, response: { 200: Suggestions, ...problemResponses(400) } } },
    async (request) => {
      const text = request.query.q.trim();
      const language = request.query.lang ?? request.lang;
      if (searchWords(text).length === 0) return { query: text, suggestions: [] };
      const results = await searchEverywhere(ctx, text, language, { perPage: 6, snippets: false });
      const t = ctx.i18n.getFixedT(language);
      const labels = new Map(ctx.modules.flatMap((module) => module.search?.types ?? []).map((type) => [type.type, type.label]));
      return { query: text, suggestions: results.hits.map((hit) => ({ title: hit.title, url: hit.url, type: hit.type, typeLabel: t(labels.get(hit.type) ?? hit.type) })) };
    },
  );

  // The note on placeholder contact details belongs to demo installations only.
  const demo = ctx.config.DEMO_DATA === 'true';
  app.get('/impressum', { config: publicPage() }, async (request, reply) =>
    reply.html({ title: request.t('site:imprint.title'), breadcrumbs: [{ label: request.t('site:imprint.title') }] }, <ImprintPage page={request.page} demo={demo} />),
  );
  app.get('/kontakt', { config: publicPage() }, async (request, reply) =>
    reply.html({ title: request.t('site:contact.title'), breadcrumbs: [{ label: request.t('site:contact.title') }] }, <ContactPage page={request.page} />),
  );

  app.get('/leichte-sprache', { config: publicPage() }, async (request, reply) =>
    reply.html(
      { title: request.t('site:easyLanguage.title'), breadcrumbs: [{ label: request.t('site:easyLanguage.title') }], contentLang: 'de' },
      <EasyLanguagePage page={request.page} offers={offers} />,
    ),
  );

  const retention = ctx.modules.flatMap((module) => module.retention ?? []).map((rule) => ({ key: rule.description, values: rule.descriptionValues?.(ctx.config) ?? {} }));
  app.get('/datenschutz', { config: publicPage() }, async (request, reply) =>
    reply.html(
      { title: request.t('site:privacy.title'), breadcrumbs: [{ label: request.t('site:privacy.title') }] },
      <PrivacyPage page={request.page} retention={retention} />,
    ),
  );

  app.get('/barrierefreiheit', { config: publicPage() }, async (request, reply) => accessibilityPage(request, reply, { raw: {} }));

  app.post(
    '/barrierefreiheit',
    { schema: { body: formBody(feedbackForm) }, attachValidation: true, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const read = readForm(feedbackForm, request);
      if (!read.ok) return accessibilityPage(request, reply, read);
      // Sent twice (a double click, back and send again), the report is stored and mailed once; both get its reference.
      const result = await once(ctx, request, read, () => submitAccessibilityFeedback(ctx, read.value));
      if (!result.ok) return accessibilityPage(request, reply, withErrors(read, result.errors));
      const crumbs = [{ label: request.t('site:accessibility.title'), href: '/barrierefreiheit' }];
      return reply.html({ title: request.t('site:accessibility.thanksTitle'), breadcrumbs: crumbs }, <FeedbackThanksPage page={request.page} reference={result.reference} />);
    },
  );
}
