import { Alert, ErrorSummary, Heading } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { FormDefinition } from '../definition/schema.ts';
import type { TimelineEntry } from '../service.account.ts';
import type { CheckSection } from './check.tsx';
import { FollowSections, RequestNotice, type FollowProps } from './follow.tsx';
import { textIn } from './text.ts';

const When = ({ at, lang }: { at: Date; lang: 'de' | 'en' }) => <time datetime={isoString(at)}>{formatDateTime(at, lang)}</time>;

interface DraftRow {
  id: string;
  updated_at: Date;
  last_page: string | null;
  definition: FormDefinition;
}

interface CaseListRow {
  id: string;
  reference: string;
  status: string;
  submitted_at: Date;
  definition: FormDefinition;
}

/** "Meine Anträge": drafts to continue first (they are what the person still has to do), then sent ones. */
export function MyApplicationsPage({ page, drafts, cases }: { page: PageContext; drafts: DraftRow[]; cases: CaseListRow[] }) {
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:mine.lead')}>{t('applications:mine.title')}</Heading>
      <section aria-labelledby="drafts" class="kern-stack-sm">
        <h2 id="drafts" class="kern-heading-medium">
          {t('applications:mine.drafts')}
        </h2>
        {drafts.length === 0 ? (
          <p>{t('applications:mine.noDrafts')}</p>
        ) : (
          <ul class="kern-list">
            {drafts.map((draft) => (
              <li key={draft.id}>
                <a class="kern-link" href={`/antraege/entwurf/${draft.id}/seite/${draft.last_page ?? draft.definition.pages[0]!.id}`}>{textIn(draft.definition.title, lang)}</a>
                {' – '}
                {t('applications:mine.changed')} <When at={draft.updated_at} lang={lang} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="cases" class="kern-stack-sm">
        <h2 id="cases" class="kern-heading-medium">
          {t('applications:mine.cases')}
        </h2>
        {cases.length === 0 ? (
          <p>{t('applications:mine.noCases')}</p>
        ) : (
          <ul class="kern-list">
            {cases.map((made) => (
              <li key={made.id}>
                <a class="kern-link" href={`/konto/antraege/${made.id}`}>{textIn(made.definition.title, lang)}</a> ({made.reference}) – {t(`applications:status.${made.status}`)}, {t('applications:mine.sent')} <When at={made.submitted_at} lang={lang} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a class="kern-link" href="/leistungen">
          {t('applications:mine.findService')}
        </a>
      </p>
    </div>
  );
}

export interface MyCaseProps {
  page: PageContext;
  title: string;
  reference: string;
  status: string;
  receiptHref: string | null;
  timeline: TimelineEntry[];
  sections: CheckSection[];
  /** What the applicant can do next (reply, send documents, withdraw), and a notice after doing it. */
  follow?: FollowProps;
  notice?: { kind: 'success' | 'warning'; text: string } | undefined;
}

/** One case for its applicant: where it stands, what happened, what they sent. */
export function MyCasePage(props: MyCaseProps) {
  const { page } = props;
  const { t, lang } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('applications:mine.caseLead', { reference: props.reference })}>{props.title}</Heading>
      {props.follow ? <ErrorSummary page={page} errors={props.follow.errors} /> : null}
      {props.notice ? <Alert kind={props.notice.kind} title={props.notice.text} /> : null}
      {props.follow?.takesDocuments ? <RequestNotice page={page} replyBy={props.follow.replyBy} /> : null}
      <p class="kern-body">
        <strong>{t('applications:mine.status')}</strong> {t(`applications:status.${props.status}`)}
      </p>
      {props.receiptHref ? (
        <p class="kern-body">
          <a class="kern-link" href={props.receiptHref}>
            {t('applications:confirmation.receipt')}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="timeline" class="kern-stack-sm">
        <h2 id="timeline" class="kern-heading-medium">
          {t('applications:mine.timeline')}
        </h2>
        <ol class="kern-list application-timeline">
          {props.timeline.map((entry) => (
            <li>
              <When at={entry.at} lang={lang} />: {entry.kind === 'status' ? t('applications:mine.statusChanged', { status: t(`applications:status.${entry.status}`) }) : t(`applications:mine.entry.${entry.kind}`)}
              {entry.body ? <p class="application-timeline__body">{entry.body}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      {props.follow ? <FollowSections page={page} follow={props.follow} /> : null}
      <section aria-labelledby="answers" class="kern-stack-sm">
        <h2 id="answers" class="kern-heading-medium">
          {t('applications:mine.answers')}
        </h2>
        {props.sections.map((section) => (
          <div class="kern-stack-xs">
            <h3 class="kern-heading-small">{section.title}</h3>
            <dl class="kern-description-list">
              {section.rows.map((row) => (
                <div class="kern-description-list-item">
                  <dt class="kern-description-list-item__key">{row.label}</dt>
                  <dd class="kern-description-list-item__value">{row.text.length === 0 ? t('applications:check.notAnswered') : row.text.map((line, index) => (index === 0 ? line : [<br />, line]))}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>
    </div>
  );
}
