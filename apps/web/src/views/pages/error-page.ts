import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';

const TITLES: Record<number, [string, string]> = {
  403: [
    'Not allowed',
    "You can't do that. If you were filling in a form, go back, reload the page and try again.",
  ],
  404: ['Page not found', "We couldn't find what you were looking for. It may have been deleted."],
  429: ['Slow down', 'Too many attempts. Please wait a few minutes and try again.'],
  500: ['Something went wrong', 'An unexpected error happened on our side. Please try again in a moment.'],
  503: [
    'Back in a moment',
    'microposts is briefly unavailable (its database is restarting). Please try again in a few seconds.',
  ],
};

/** A friendly error page for a status code; `message` replaces the default explanation. */
export function errorPage(ctx: PageContext, status: number, message?: string): SafeHtml {
  const [title, text] =
    TITLES[status] ??
    (status >= 500 ? TITLES[500]! : ['Something is not right', 'The request could not be handled.']);
  return layout(
    ctx,
    title,
    html`<div class="narrow card error-page">
      <p class="code">${status}</p>
      <h1>${title}</h1>
      <p>${message ?? text}</p>
      <p><a class="button" href="/">Back to the timeline</a></p>
    </div>`,
  );
}
