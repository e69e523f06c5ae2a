import { statusPath, type Status, type StatusHistory, type StatusVersion } from '@microposts/core';
import { html, trusted, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { dateFormat } from '../status.ts';
import { statusMedia } from '../status-media.ts';

// One version: when it was written, its warning (a <details>, as on the status card) and text, its images.
function version(v: StatusVersion, label: string, language: string | null): SafeHtml {
  const lang = language ? html` lang="${language}"` : '';
  const body = html`<div class="content"${lang}>${trusted(v.html)}</div>
    ${statusMedia(v)}`;
  return html`<li class="card version">
    <h2 class="version-title">
      ${label}
      <time datetime="${v.createdAt.toISOString()}">${dateFormat.format(v.createdAt)} UTC</time>
    </h2>
    ${
      v.spoilerText
        ? html`<details class="content-warning">
            <summary
              ><span class="cw-label">Content warning:</span> <span class="cw-text"${lang}>${v.spoilerText}</span
              ><span class="cw-hint" aria-hidden="true">Show</span></summary
            >
            ${body}
          </details>`
        : body
    }
  </li>`;
}

/**
 * `/@username/<id>/history`: every version of a status, newest first (as Mastodon's "Edited" menu
 * lists them), down to the original.
 */
export function statusHistoryPage(ctx: PageContext, status: Status, history: StatusHistory): SafeHtml {
  const name = status.account.displayName || status.account.username;
  const newestFirst = [...history.versions].reverse();
  const last = newestFirst.length - 1;
  const label = (i: number) =>
    i === 0 ? (last === 0 ? 'Original, not edited' : 'Current version') : i === last ? 'Original' : 'Edited';
  return layout(
    ctx,
    `Versions of a post by ${name}`,
    html`<div class="column">
      <h1 class="section-title">Versions of a post by @${status.account.username}</h1>
      <p class="hint">
        ${last === 0 ? 'This post was not edited.' : `Edited ${last === 1 ? 'once' : `${last} times`}.`}
        <a href="${statusPath(status)}">Back to the post</a>
      </p>
      <ol class="versions">
        ${newestFirst.map((v, i) => version(v, label(i), status.language))}
      </ol>
    </div>`,
  );
}
