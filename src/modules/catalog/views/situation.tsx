import type { PageContext } from '#kernel/html/page.ts';
import { Heading } from '#kernel/html/components.tsx';
import type { ListedService, SituationView } from '../service.public.ts';
import { Paragraphs, Section, contentLang } from './parts.tsx';

export function ServiceList({ page, services }: { page: PageContext; services: readonly ListedService[] }) {
  const lang = contentLang(page);
  return (
    <ul class="kern-list catalog-list" lang={lang}>
      {services.map((service) => (
        <li key={service.id}>
          <a class="kern-link" href={`/leistungen/${service.slug}`}>
            {service.title}
          </a>
          <p class="kern-body kern-body--small">{service.summary}</p>
        </li>
      ))}
    </ul>
  );
}

export function SituationPage({ page, situation }: { page: PageContext; situation: SituationView }) {
  const { t } = page;
  const content = situation.content;
  const lang = contentLang(page);
  return (
    <article class="kern-stack-lg">
      <div lang={lang}>
        <Heading lead={content.summary}>{content.title}</Heading>
      </div>
      <Paragraphs text={content.description} lang={lang} />
      {content.tips.length > 0 ? (
        <Section id="schritte" title={t('catalog:situation.tips')}>
          <ol class="kern-list kern-list--number" lang={lang}>
            {content.tips.map((tip, index) => (
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
