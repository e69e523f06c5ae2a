import { PASSWORD_MIN } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf, field, formError, type FieldErrors } from '../forms.ts';

export interface FormState {
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/** `/signup`: create an account. */
export function signupPage(ctx: PageContext, state: FormState = {}): SafeHtml {
  const v = state.values ?? {};
  return layout(
    ctx,
    'Sign up',
    html`<div class="narrow card">
      <h1>Create your account</h1>
      <form method="post" action="/signup" novalidate>
        ${csrf(ctx.csrfToken)} ${formError(state.errors)}
        ${field({ name: 'username', label: 'Username', value: v.username, errors: state.errors, autocomplete: 'username', hint: 'Letters, digits and underscores; up to 30.', required: true, maxlength: 30 })}
        ${field({ name: 'email', label: 'E-mail', type: 'email', value: v.email, errors: state.errors, autocomplete: 'email', required: true })}
        ${field({ name: 'password', label: 'Password', type: 'password', errors: state.errors, autocomplete: 'new-password', hint: `At least ${PASSWORD_MIN} characters.`, required: true })}
        <button type="submit" class="button wide">Sign up</button>
      </form>
      <p class="alt">Already have an account? <a href="/login">Log in</a></p>
    </div>`,
  );
}

/** `/login`: log in by username or e-mail. */
export function loginPage(ctx: PageContext, state: FormState = {}): SafeHtml {
  const v = state.values ?? {};
  return layout(
    ctx,
    'Log in',
    html`<div class="narrow card">
      <h1>Log in</h1>
      <form method="post" action="/login" novalidate>
        ${csrf(ctx.csrfToken)}
        ${v.return_to ? html`<input type="hidden" name="return_to" value="${v.return_to}" />` : ''}
        ${formError(state.errors)}
        ${field({ name: 'login', label: 'Username or e-mail', value: v.login, errors: state.errors, autocomplete: 'username', required: true })}
        ${field({ name: 'password', label: 'Password', type: 'password', errors: state.errors, autocomplete: 'current-password', required: true })}
        <button type="submit" class="button wide">Log in</button>
      </form>
      <p class="alt"><a href="/password/forgot">Forgot your password?</a></p>
      <p class="alt">New here? <a href="/signup">Create an account</a></p>
    </div>`,
  );
}
