import { PASSWORD_MIN } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf, field, formError, type FieldErrors } from '../forms.ts';

/** `/password/forgot`: ask for a reset link; after sending, the same answer whether the address exists or not. */
export function forgotPasswordPage(
  ctx: PageContext,
  state: { email?: string; errors?: FieldErrors; sent?: boolean } = {},
): SafeHtml {
  if (state.sent) {
    return layout(
      ctx,
      'Check your inbox',
      html`<div class="narrow card">
        <h1>Check your inbox</h1>
        <p>
          If an account uses <strong>${state.email}</strong>, we have sent it a link to choose a new password.
          The link works once, within an hour.
        </p>
        <p class="alt"><a href="/login">Back to log in</a></p>
      </div>`,
    );
  }
  return layout(
    ctx,
    'Forgot your password?',
    html`<div class="narrow card">
      <h1>Forgot your password?</h1>
      <p>Enter the e-mail address of your account, and we will send you a link to choose a new password.</p>
      <form method="post" action="/password/forgot" novalidate>
        ${csrf(ctx.csrfToken)} ${formError(state.errors)}
        ${field({ name: 'email', label: 'E-mail', type: 'email', value: state.email, errors: state.errors, autocomplete: 'email', required: true })}
        <button type="submit" class="button wide">Send me a link</button>
      </form>
      <p class="alt"><a href="/login">Back to log in</a></p>
    </div>`,
  );
}

/** `/password/reset?token=…`: choose a new password. */
export function resetPasswordPage(
  ctx: PageContext,
  state: { token: string; errors?: FieldErrors },
): SafeHtml {
  return layout(
    ctx,
    'Choose a new password',
    html`<div class="narrow card">
      <h1>Choose a new password</h1>
      <form method="post" action="/password/reset" novalidate>
        ${csrf(ctx.csrfToken)} <input type="hidden" name="token" value="${state.token}" />
        ${formError(state.errors)}
        ${field({ name: 'password', label: 'New password', type: 'password', errors: state.errors, autocomplete: 'new-password', hint: `At least ${PASSWORD_MIN} characters.`, required: true })}
        <button type="submit" class="button wide">Set my new password</button>
      </form>
    </div>`,
  );
}

/** A link from an e-mail that cannot be used, with the way forward. */
export function linkProblemPage(
  ctx: PageContext,
  input: { title: string; message: string; next?: SafeHtml },
): SafeHtml {
  return layout(
    ctx,
    input.title,
    html`<div class="narrow card">
      <h1>${input.title}</h1>
      <p class="error" role="alert">${input.message}</p>
      ${input.next ?? ''}
    </div>`,
  );
}

/** `/unsubscribe`: a signed link from a mention e-mail; a button turns mention e-mails off, no login needed. */
export function unsubscribePage(
  ctx: PageContext,
  input: { accountId: string; sig: string; username: string; mentionEmails: boolean; done?: boolean },
): SafeHtml {
  const body =
    input.done || !input.mentionEmails
      ? html`<h1>Mention e-mails are off</h1>
          <p>@${input.username} will no longer get an e-mail when mentioned.</p>
          <p>You can turn them on again in <a href="/settings#email">your settings</a>.</p>`
      : html`<h1>Stop mention e-mails?</h1>
          <p>@${input.username} gets an e-mail when someone mentions them. Turn these e-mails off?</p>
          <form method="post" action="/unsubscribe">
            <input type="hidden" name="account" value="${input.accountId}" />
            <input type="hidden" name="sig" value="${input.sig}" />
            <button type="submit" class="button wide">Stop mention e-mails</button>
          </form>`;
  return layout(ctx, 'Mention e-mails', html`<div class="narrow card">${body}</div>`);
}
