// Text to HTML (docs/product.md §3): all escaped, then links, mentions of existing accounts and hashtags.
// The markup is Mastodon's, so API clients style it as they do for Mastodon statuses.
import { escapeHtml } from './escape.ts';
import { tokenize, normalizeTag } from './tokenize.ts';
import { profileUrl, tagUrl } from '../urls.ts';

export interface RenderContext {
  /** Absolute base URL of the site, without a trailing slash. */
  baseUrl: string;
  /** Accounts that exist, keyed by lower-case username; others stay plain text. */
  mentionable: ReadonlyMap<string, { username: string }>;
}

/** Renders status or bio text to safe HTML: paragraphs, line breaks, links, mentions and hashtags. */
export function renderText(text: string, ctx: RenderContext): string {
  const paragraphs = text
    .trim()
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/);
  return paragraphs
    .map(
      (p) =>
        `<p>${p
          .split('\n')
          .map((line) => renderLine(line, ctx))
          .join('<br>')}</p>`,
    )
    .join('');
}

function renderLine(line: string, ctx: RenderContext): string {
  return tokenize(line)
    .map((t) => {
      switch (t.type) {
        case 'text':
          return escapeHtml(t.text);
        case 'link':
          return `<a href="${escapeHtml(t.url)}" rel="nofollow noopener noreferrer" target="_blank">${escapeHtml(t.text)}</a>`;
        case 'mention': {
          const account = ctx.mentionable.get(t.username.toLowerCase());
          if (!account) return escapeHtml(t.text);
          const url = profileUrl(ctx.baseUrl, account);
          return `<span class="h-card"><a href="${escapeHtml(url)}" class="u-url mention">@<span>${escapeHtml(account.username)}</span></a></span>`;
        }
        case 'hashtag': {
          const url = tagUrl(ctx.baseUrl, normalizeTag(t.tag));
          return `<a href="${escapeHtml(url)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(t.tag)}</span></a>`;
        }
      }
    })
    .join('');
}
