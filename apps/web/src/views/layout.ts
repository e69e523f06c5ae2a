import { profilePath } from '@microposts/core';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './context.ts';
import { stylesheet } from '../stylesheet.ts';

/** The page frame: header with navigation, a main landmark, a footer. */
export function layout(ctx: PageContext, title: string, body: SafeHtml): SafeHtml {
  const viewer = ctx.viewer;
  const navLink = (href: string, label: string) =>
    html`<a href="${href}" ${ctx.path === href ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · microposts</title>
        <link rel="stylesheet" href="${stylesheet.href}" />
        <script src="/assets/compose.js" defer></script>
        <script src="/assets/live.js" defer></script>
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/"
              ><img src="/assets/icon.svg" alt="" width="28" height="28" /> microposts</a
            >
            <nav aria-label="Main">
              ${navLink('/', viewer ? 'Home' : 'Timeline')} ${navLink('/search', 'Search')}
              ${
                viewer
                  ? html`<a
                        href="/notifications"
                        ${ctx.path === '/notifications' ? html` aria-current="page"` : ''}
                        >Notifications${
                          ctx.unreadNotifications
                            ? html` <span class="badge" aria-label="${ctx.unreadNotifications} unread"
                                >${ctx.unreadNotifications}</span
                              >`
                            : ''
                        }</a
                      >
                      ${navLink('/lists', 'Lists')} ${navLink('/bookmarks', 'Bookmarks')}
                      ${navLink('/settings', 'Settings')}
                      ${viewer.role !== 'user' ? navLink('/moderation', 'Moderation') : ''}
                      <a href="${profilePath(viewer)}" class="me">@${viewer.username}</a>
                      <form method="post" action="/logout" class="inline">
                        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
                        <button type="submit" class="link">Log out</button>
                      </form>`
                  : html`${navLink('/login', 'Log in')} <a class="button small" href="/signup">Sign up</a>`
              }
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1">
          ${ctx.flash ? html`<p class="flash" role="status">${ctx.flash}</p>` : ''}
          ${
            viewer && !viewer.emailConfirmedAt
              ? html`<div class="confirm-banner" role="region" aria-label="E-mail confirmation">
                  <p>
                    Please confirm your e-mail address, <strong>${viewer.email}</strong>: open the link we sent you.
                    Until then you get no notification e-mails.
                  </p>
                  <form method="post" action="/email/confirm/resend" class="inline">
                    <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
                    <button type="submit" class="link">Send the link again</button>
                  </form>
                </div>`
              : ''
          }
          ${body}
        </main>
        <footer class="site-footer">
          <p>microposts · <a href="/directory">Directory</a> · <a href="/stats">Statistics</a> · <a href="/api/docs">API</a></p>
        </footer>
      </body>
    </html>`;
}
