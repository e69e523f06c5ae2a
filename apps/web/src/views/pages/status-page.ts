import type { Status } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { statusCard } from '../status.ts';

/** `/@username/<id>`: one status. */
export function statusPage(ctx: PageContext, status: Status): SafeHtml {
  const name = status.account.displayName || status.account.username;
  const excerpt = [...status.text].slice(0, 60).join('');
  return layout(
    ctx,
    `${name}: "${excerpt}"`,
    html`<div class="column">
      <h1 class="visually-hidden">Post by @${status.account.username}</h1>
      <div class="feed focus">${statusCard(ctx, status)}</div>
    </div>`,
  );
}
