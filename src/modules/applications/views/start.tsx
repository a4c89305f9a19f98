import { Heading, PostForm, SubmitButton } from '#kernel/html/components.tsx';
import { formatEuros } from '#kernel/forms/index.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { FormDefinition } from '../definition/schema.ts';
import { wordingContext } from '../definition/texts.ts';
import type { EasyChoice } from '../http.easy.ts';
import { EasySwitch } from './easy-switch.tsx';
import { langOf, textIn } from './text.ts';

export interface StartFacts {
  fees: { label: string; amountCents: number }[];
  feesNote: string;
  office: { title: string; slug: string } | null;
  serviceSlug: string | null;
}

/**
 * The start page as GOV.UK Forms has it: what the form is for, what to have at hand, how long it takes,
 * what it costs; then one button. The paper twin is offered beside it, not hidden.
 */
export function StartPage(props: { page: PageContext; definition: FormDefinition; facts: StartFacts; resume: { href: string } | null; needsAccount: boolean; easy: EasyChoice }) {
  const { page, definition, facts } = props;
  const { t, lang } = page;
  const easy = props.easy.on;
  const wording = wordingContext(definition);
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:start.lead', wording)}>{textIn(definition.title, lang, easy)}</Heading>
      <EasySwitch page={page} easy={props.easy} />
      <section aria-labelledby="needs" class="kern-stack-sm">
        <h2 id="needs" class="kern-heading-medium">{t('applications:start.needs')}</h2>
        {definition.needs.length > 0 ? (
          <ul class="kern-list kern-list--bullet">
            {definition.needs.map((need) => (
              <li lang={langOf(need, lang, easy)}>{textIn(need, lang, easy)}</li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t('applications:start.needsNothing')}</p>
        )}
        <p class="kern-body">{t('applications:start.minutes', { count: definition.minutes })}</p>
        {definition.targetDays ? <p class="kern-body">{t('applications:start.targetDays', { count: definition.targetDays })}</p> : null}
      </section>
      <section aria-labelledby="fees" class="kern-stack-sm">
        <h2 id="fees" class="kern-heading-medium">{t('applications:start.fees')}</h2>
        {facts.fees.length > 0 ? (
          <ul class="kern-list kern-list--bullet">
            {facts.fees.map((fee) => (
              <li>
                {fee.label}: {formatEuros(fee.amountCents)} €
              </li>
            ))}
          </ul>
        ) : facts.feesNote ? null : (
          // A note without amounts (a fee set by a schedule, a tax) is not "free of charge".
          <p class="kern-body">{t('applications:start.noFees', wording)}</p>
        )}
        {facts.feesNote ? <p class="kern-body">{facts.feesNote}</p> : null}
      </section>
      {props.needsAccount ? (
        <p>
          <a class="kern-btn kern-btn--primary" href={`/anmelden?next=${encodeURIComponent(`/antraege/${definition.key}`)}`}>
            <span class="kern-label">{t('applications:start.signIn', wording)}</span>
          </a>
        </p>
      ) : (
        <div class="kern-stack-sm">
          {props.resume ? (
            <p>
              <a class="kern-btn kern-btn--primary" href={props.resume.href}>
                <span class="kern-label">{t('applications:start.resume', wording)}</span>
              </a>
            </p>
          ) : null}
          <PostForm page={page} action={`/antraege/${definition.key}/starten`}>
            <SubmitButton label={t(props.resume ? 'applications:start.again' : 'applications:start.begin', wording)} kind={props.resume ? 'secondary' : 'primary'} />
          </PostForm>
        </div>
      )}
      <section aria-labelledby="other-ways" class="kern-stack-sm">
        <h2 id="other-ways" class="kern-heading-medium">{t('applications:start.otherWays', wording)}</h2>
        <p class="kern-body">
          <a class="kern-link" href={`/antraege/${definition.key}/formular.pdf`}>
            {t('applications:start.paper')}
          </a>{' '}
          {t('applications:start.paperHint')}
        </p>
        {facts.office ? (
          <p class="kern-body">
            {t('applications:start.office')}{' '}
            <a class="kern-link" href={`/dienststellen/${facts.office.slug}`}>
              {facts.office.title}
            </a>
          </p>
        ) : null}
        {facts.serviceSlug ? (
          <p class="kern-body">
            <a class="kern-link" href={`/leistungen/${facts.serviceSlug}`}>
              {t('applications:start.service')}
            </a>
          </p>
        ) : null}
      </section>
    </div>
  );
}
