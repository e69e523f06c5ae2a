// A status as the viewer's filters show it (docs/api.md "Filters"): left out for a `hide` filter,
// collapsed behind "Filtered: <title>" for a `warn` one (a <details>: no script needed). The card
// itself is the shared one; the wrapper is made per request from the request's own results.
import { hiddenBy, type Status } from '@microposts/core';
import type { PageContext } from './context.ts';
import { html, type SafeHtml } from './html.ts';
import { statusCard } from './status.ts';

/** The status's card, behind its filters' warning, or '' when a `hide` filter leaves it out. */
export function filteredCard(ctx: PageContext, status: Status): SafeHtml | '' {
  const results = ctx.filtered?.get(status.id);
  if (!results?.length) return statusCard(ctx, status);
  if (hiddenBy(results)) return '';
  const titles = [...new Set(results.map((r) => r.filter.title))].join(', ');
  return html`<details class="filtered">
    <summary><span class="filtered-label">Filtered: ${titles}</span> <span class="filtered-show">Show anyway</span></summary>
    ${statusCard(ctx, status)}
  </details>`;
}
