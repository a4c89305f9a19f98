import { ErrorSummary, Heading, SubmitButton, TextField } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { calendarDayText, hoursText, issuedDayText, verifyPath } from '../certificates.ts';
import type { Certificate } from '../tables.ts';

/*
 * The verification page: one field for the code, sent with GET so the answer has an address and works
 * without JavaScript. The answer shows what the certificate certifies and nothing more (no contact, no
 * account), since anyone holding the code may ask.
 */

export type VerifyAnswer =
  | { kind: 'form'; code: string; error?: string }
  | { kind: 'valid'; certificate: Certificate }
  | { kind: 'unknown'; code: string }
  | { kind: 'withdrawn'; code: string; withdrawnAt: Date };

export function VerifyPage({ page, answer }: { page: PageContext; answer: VerifyAnswer }) {
  const { t } = page;
  const error = answer.kind === 'form' ? answer.error : undefined;
  const code = answer.kind === 'valid' ? answer.certificate.code : answer.code;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('learning:certificates.verify.lead', { city: page.cityName })}>{t('learning:certificates.verify.title')}</Heading>
      <ErrorSummary page={page} errors={error ? { code: error } : {}} />
      {answer.kind === 'valid' ? <Valid page={page} certificate={answer.certificate} /> : null}
      {answer.kind === 'unknown' ? (
        <Refusal tone="warning" heading={t('learning:certificates.verify.unknown.heading')} text={t('learning:certificates.verify.unknown.text', { code: answer.code, city: page.cityName })} />
      ) : null}
      {answer.kind === 'withdrawn' ? (
        <Refusal
          tone="danger"
          heading={t('learning:certificates.verify.withdrawn.heading')}
          text={t('learning:certificates.verify.withdrawn.text', { code: answer.code, city: page.cityName, day: issuedDayText(answer.withdrawnAt, page.lang) })}
        />
      ) : null}
      <form method="get" action={verifyPath} class="kern-stack-sm" novalidate>
        <TextField
          name="code"
          label={t('learning:certificates.verify.label')}
          hint={t('learning:certificates.verify.hint')}
          value={code}
          error={error}
          autocomplete="off"
          spellcheck={false}
          maxLength={60}
          width={4}
        />
        <SubmitButton label={t('learning:certificates.verify.submit')} />
      </form>
    </div>
  );
}

function Valid({ page, certificate }: { page: PageContext; certificate: Certificate }) {
  const { t } = page;
  const language = page.lang;
  const key = 'learning:certificates.verify.valid';
  const days =
    certificate.first_day === certificate.last_day
      ? calendarDayText(certificate.first_day, language)
      : t(`${key}.daysRange`, { first: calendarDayText(certificate.first_day, language), last: calendarDayText(certificate.last_day, language) });
  const rows: [string, string][] = [
    [t(`${key}.holder`), certificate.holder_name],
    [t(`${key}.course`), certificate.course_title],
    [t(`${key}.days`), days],
    [t(`${key}.hours`), t(`${key}.hoursValue`, { count: Number(certificate.hours), hours: hoursText(certificate, language) })],
    [t(`${key}.provider`), certificate.provider],
    [t(`${key}.issuer`), t(`${key}.issuerName`, { city: page.cityName })],
    [t(`${key}.issued`), issuedDayText(certificate.issued_at, language)],
  ];
  return (
    <section class="kern-alert kern-alert--success" role="status" aria-labelledby="ergebnis">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--success kern-icon--default" aria-hidden="true" />
        <h2 class="kern-title" id="ergebnis">
          {t(`${key}.heading`)}
        </h2>
      </div>
      <div class="kern-alert__body kern-stack-sm">
        <p class="kern-body">{t(`${key}.intro`, { city: page.cityName, code: certificate.code })}</p>
        <dl class="kern-description-list">
          {rows.map(([label, value]) => (
            <div class="kern-description-list-item" key={label}>
              <dt class="kern-description-list-item__key">{label}</dt>
              <dd class="kern-description-list-item__value">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}

/** An answer that certifies nothing: no certificate under the code, or one withdrawn; a status region, read out when it appears. */
function Refusal({ tone, heading, text }: { tone: 'warning' | 'danger'; heading: string; text: string }) {
  return (
    <section class={`kern-alert kern-alert--${tone}`} role="status" aria-labelledby="ergebnis">
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${tone} kern-icon--default`} aria-hidden="true" />
        <h2 class="kern-title" id="ergebnis">
          {heading}
        </h2>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">{text}</p>
      </div>
    </section>
  );
}
