import { replyDefaultVisibility, replyPrefix, type Status, type StatusContext } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { composeForm, type ComposeState } from '../compose.ts';
import { statusCard } from '../status.ts';
import { filteredCard } from '../filtered.ts';

/** Deeper replies are drawn at this indent, so a long chain stays readable on a phone. */
const MAX_INDENT = 4;

/**
 * `/@username/<id>`: the thread around one status: its ancestors oldest first, the status itself,
 * the reply form (pre-filled with the people to answer), then the replies depth-first.
 */
export function statusPage(
  ctx: PageContext,
  status: Status,
  context: StatusContext = { ancestors: [], descendants: [] },
  reply: ComposeState = {},
): SafeHtml {
  const name = status.account.displayName || status.account.username;
  // Behind a content warning, the title names the warning, not the text it hides.
  const excerpt = [...(status.spoilerText ? `CW: ${status.spoilerText}` : status.text)].slice(0, 60).join('');
  const replyState: ComposeState = {
    text: reply.text ?? replyPrefix(status, ctx.viewer?.username),
    errors: reply.errors,
    descriptions: reply.descriptions,
    sensitive: reply.sensitive,
    // A reply keeps the warning of the post it answers, as Mastodon's compose box does.
    spoilerText: reply.spoilerText ?? status.spoilerText,
    inReplyToId: status.id,
    replyTo: status.account.username,
    visibility: reply.visibility ?? replyDefaultVisibility(status.visibility),
  };
  return layout(
    ctx,
    `${name}: "${excerpt}"`,
    html`<div class="column thread">
      <h1 class="visually-hidden">Post by @${status.account.username}</h1>
      ${
        context.ancestors.length
          ? html`<section class="feed ancestors" aria-label="Earlier in the thread">
              ${context.ancestors.map((s) => filteredCard(ctx, s))}
            </section>`
          : ''
      }
      <div class="feed focus" aria-current="true">${statusCard(ctx, status)}</div>
      ${
        ctx.viewer
          ? composeForm(ctx, replyState)
          : html`<p class="card reply-login" id="reply">
              <a href="/login?return_to=${encodeURIComponent(ctx.path)}">Log in</a> to reply.
            </p>`
      }
      <section class="feed descendants" aria-label="Replies">
        <h2 class="section-title">${context.descendants.length ? 'Replies' : 'No replies yet'}</h2>
        ${context.descendants.map(({ status: s, depth }) => {
          const card = filteredCard(ctx, s);
          return card === ''
            ? ''
            : html`<div class="thread-reply depth-${Math.min(depth, MAX_INDENT)}">${card}</div>`;
        })}
      </section>
    </div>`,
  );
}
