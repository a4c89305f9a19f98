import type { PageContext } from '#kernel/html/page.ts';
import { Heading } from '#kernel/html/components.tsx';
import { inLanguage } from '../schemas.english.ts';
import type { ListedService, SituationView } from '../service.public.ts';
import { Section } from './parts.tsx';
import { LocalParagraphs, OnlyGerman, textsOf } from './texts.tsx';

/** Services as links with their summaries, each in the page's language where the service has it. */
export function ServiceList({ page, services }: { page: PageContext; services: readonly ListedService[] }) {
  return (
    <ul class="kern-list catalog-list">
      {services.map((service) => {
        const title = inLanguage(page.lang, service.title, service.en?.title);
        const summary = inLanguage(page.lang, service.summary, service.en?.summary);
        return (
          <li key={service.id}>
            <a class="kern-link" href={`/leistungen/${service.slug}`} lang={title.lang}>
              {title.value}
            </a>
            <p class="kern-body kern-body--small" lang={summary.lang}>
              {summary.value}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function SituationPage({ page, situation }: { page: PageContext; situation: SituationView }) {
  const { t } = page;
  const content = situation.content;
  const texts = textsOf(page, content.en);
  const title = texts.show(content.title, content.en?.title);
  const summary = texts.show(content.summary, content.en?.summary);
  const tips = texts.show(content.tips, content.en?.tips);
  return (
    <article class="kern-stack-lg">
      <Heading lead={summary.value} leadLang={summary.lang}>
        {title.lang ? <span lang={title.lang}>{title.value}</span> : title.value}
      </Heading>
      {texts.wholeInGerman ? <OnlyGerman page={page} whole /> : null}
      <LocalParagraphs texts={texts} german={content.description} english={content.en?.description} />
      {tips.value.length > 0 ? (
        <Section id="schritte" title={t('catalog:situation.tips')}>
          {texts.note(tips)}
          <ol class="kern-list kern-list--number" lang={tips.lang}>
            {tips.value.map((tip, index) => (
              <li key={index}>{tip}</li>
            ))}
          </ol>
        </Section>
      ) : null}
      <Section id="leistungen" title={t('catalog:situation.services')}>
        {situation.services.length > 0 ? <ServiceList page={page} services={situation.services} /> : <p class="kern-body">{t('catalog:situation.noServices')}</p>}
      </Section>
    </article>
  );
}
