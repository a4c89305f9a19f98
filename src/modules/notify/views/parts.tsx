import type { LetterBlock } from '#kernel/pdf/letter.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { Alert } from '#kernel/html/components.tsx';
import type { DeliveryStatus } from '../tables.ts';

/** The text of a message: paragraphs with their line breaks, and lists. Escaped by Preact like all text. */
export function MessageBody({ blocks }: { blocks: readonly LetterBlock[] }) {
  return (
    <div class="kern-stack-sm message-body">
      {blocks.map((block, index) =>
        block.kind === 'paragraph' ? (
          <p class="kern-body" key={index}>
            {block.text.split('\n').map((line, i) => (
              <>
                {i > 0 ? <br /> : null}
                {line}
              </>
            ))}
          </p>
        ) : (
          <ul class="kern-list kern-list--bullet" key={index}>
            {block.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

const badge: Record<DeliveryStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  created: 'info',
  sending: 'info',
  delivered: 'success',
  printed: 'info',
  posted: 'success',
  failed: 'danger',
  returned: 'warning',
};

export function StatusBadge({ page, status }: { page: PageContext; status: DeliveryStatus }) {
  return <span class={`kern-badge kern-badge--${badge[status]}`}>{page.t(`notify:status.${status}`)}</span>;
}

export function NoticeBanner({ page, notice }: { page: PageContext; notice?: string }) {
  return notice ? <Alert kind="success" title={page.t(notice)} /> : null;
}

/** The notify back-office pages link to each other; a person sees only the ones their role opens. */
export function StaffNav({ page, links }: { page: PageContext; links: { href: string; label: string }[] }) {
  return (
    <nav aria-label={page.t('notify:staff.navLabel')}>
      <ul class="kern-list notify-staff-nav">
        {links.map((link) => (
          <li key={link.href}>
            <a class="kern-link" href={link.href} aria-current={page.path === link.href ? 'page' : undefined}>
              {page.t(link.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
