import type { AuthorizedApp } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf } from '../forms.ts';
import { describeScope } from '../scope-descriptions.ts';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** `/settings/apps`: the apps this person authorized, each with a Revoke button. */
export function appsSettingsPage(ctx: PageContext, apps: AuthorizedApp[]): SafeHtml {
  return layout(
    ctx,
    'Authorized apps',
    html`<div class="column settings">
      <p class="breadcrumb"><a href="/settings">Settings</a> › Authorized apps</p>
      <h1>Authorized apps</h1>
      <p>Apps you allowed to use your account. Revoking one logs it out at once.</p>
      ${
        apps.length === 0
          ? html`<p class="empty card">You have not authorized any apps.</p>`
          : html`<ul class="authorized-apps">
              ${apps.map(
                (a) => html`<li class="card authorized-app">
                  <div class="authorized-app-head">
                    <h2>${a.app.website ? html`<a href="${a.app.website}" rel="nofollow noopener">${a.app.name}</a>` : a.app.name}</h2>
                    <form method="post" action="/settings/apps/${a.app.id}/revoke" class="inline">
                      ${csrf(ctx.csrfToken)}
                      <button type="submit" class="button danger small" aria-label="Revoke ${a.app.name}">Revoke</button>
                    </form>
                  </div>
                  <p class="meta">
                    Authorized <time datetime="${a.authorizedAt.toISOString()}">${dateFormat.format(a.authorizedAt)}</time>${
                      a.lastUsedAt
                        ? html` · last used <time datetime="${a.lastUsedAt.toISOString()}">${dateFormat.format(a.lastUsedAt)}</time>`
                        : ''
                    }
                  </p>
                  <ul class="scopes">
                    ${a.scopes.map((s) => html`<li><span class="scope-text">${describeScope(s)}</span> <code class="scope-name">${s}</code></li>`)}
                  </ul>
                </li>`,
              )}
            </ul>`
      }
    </div>`,
  );
}
