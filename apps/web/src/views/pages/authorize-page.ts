import type { AuthorizationRequest } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf } from '../forms.ts';
import { describeScope } from '../scope-descriptions.ts';

/** The parameters the approve/deny form carries back, exactly as the client sent them. */
export interface AuthorizeFields {
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).host || uri;
  } catch {
    return uri;
  }
}

/** `GET /oauth/authorize`: the app, what it asks for, and Approve / Deny. */
export function authorizePage(
  ctx: PageContext,
  request: AuthorizationRequest,
  fields: AuthorizeFields,
): SafeHtml {
  const { app } = request;
  const oob = request.redirectUri === 'urn:ietf:wg:oauth:2.0:oob';
  return layout(
    ctx,
    `Authorize ${app.name}`,
    html`<div class="narrow card authorize">
      <h1>Authorize <span class="app-name">${app.name}</span>?</h1>
      <p class="authorize-lead">
        ${app.website ? html`<a href="${app.website}" rel="nofollow noopener">${app.name}</a>` : app.name} wants to
        use your account <strong>@${ctx.viewer?.username ?? ''}</strong>. It will be able to:
      </p>
      <ul class="scopes">
        ${request.scopes.map(
          (s) =>
            html`<li><span class="scope-text">${describeScope(s)}</span> <code class="scope-name">${s}</code></li>`,
        )}
      </ul>
      <p class="meta">
        ${oob ? 'You will get a code to copy into the app.' : html`You will be sent back to <strong>${hostOf(request.redirectUri)}</strong>.`}
        You can revoke this at any time in <a href="/settings/apps">Settings › Authorized apps</a>.
      </p>
      <form method="post" action="/oauth/authorize" class="authorize-actions">
        ${csrf(ctx.csrfToken)}
        ${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
        <button type="submit" name="decision" value="approve" class="button">Approve</button>
        <button type="submit" name="decision" value="deny" class="button secondary">Deny</button>
      </form>
    </div>`,
  );
}

/**
 * `force_login` while logged in: which account should the app get? Continuing is a plain link to the
 * request without force_login; another account is a POST (with its CSRF token) that logs out and
 * comes back here after the log-in, so a link from another site cannot log the person out.
 */
export function chooseAccountPage(ctx: PageContext, appName: string, back: string): SafeHtml {
  const username = ctx.viewer?.username ?? '';
  return layout(
    ctx,
    `Authorize ${appName}`,
    html`<div class="narrow card authorize">
      <h1>Which account should <span class="app-name">${appName}</span> use?</h1>
      <p>You are logged in as <strong>@${username}</strong>.</p>
      <div class="account-choice">
        <a class="button" href="${back}">Continue as @${username}</a>
        <form method="post" action="/logout">
          ${csrf(ctx.csrfToken)}
          <input type="hidden" name="return_to" value="${back}" />
          <button type="submit" class="button secondary">Use another account</button>
        </form>
      </div>
    </div>`,
  );
}

/** The out-of-band result: the code to copy into the app. */
export function authorizationCodePage(ctx: PageContext, appName: string, code: string): SafeHtml {
  return layout(
    ctx,
    'Authorization code',
    html`<div class="narrow card authorize">
      <h1>Copy this code into ${appName}</h1>
      <p>Paste it where the app asks for an authorization code. It works once, within ten minutes.</p>
      <label for="authorization-code">Authorization code</label>
      <textarea id="authorization-code" class="code-box" readonly rows="2">${code}</textarea>
    </div>`,
  );
}

/** The out-of-band result of a denial or a refused request. */
export function authorizationRefusedPage(ctx: PageContext, message: string): SafeHtml {
  return layout(
    ctx,
    'Authorization refused',
    html`<div class="narrow card authorize">
      <h1>Not authorized</h1>
      <p>${message}</p>
      <p><a class="button secondary" href="/">Back to the timeline</a></p>
    </div>`,
  );
}
