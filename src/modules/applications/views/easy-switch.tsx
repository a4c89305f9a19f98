import type { PageContext } from '#kernel/html/page.ts';
import type { EasyChoice } from '../http.easy.ts';

/** The link to the form in Leichte Sprache, or back to everyday German; nothing for a form without easy texts. */
export function EasySwitch({ page, easy }: { page: PageContext; easy: EasyChoice }) {
  if (!easy.switchHref) return null;
  return (
    <p class="application-easy-switch">
      <a class="kern-link" href={easy.switchHref} hreflang="de">
        <span class="kern-icon kern-icon--easy-language kern-icon--default" aria-hidden="true" />
        {page.t(easy.on ? 'applications:easy.off' : 'applications:easy.on')}
      </a>
    </p>
  );
}
