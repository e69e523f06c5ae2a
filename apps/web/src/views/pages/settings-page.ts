import {
  AVATAR_SIDE,
  BIO_MAX,
  DISPLAY_NAME_MAX,
  HEADER_SIZE,
  IMAGE_MIME_TYPES,
  PASSWORD_MIN,
  type Account,
} from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf, field, formError, type FieldErrors } from '../forms.ts';
import { mediaSrc } from '../media.ts';
import { avatar } from '../status.ts';

export type SettingsForm = 'profile' | 'pictures' | 'email' | 'password' | 'delete';

// One picture: what shows now, a file input with its hint and error, and a way back to the default.
function pictureField(
  account: Account,
  which: 'avatar' | 'header',
  errors: FieldErrors | undefined,
): SafeHtml {
  const error = errors?.[which];
  const key = which === 'avatar' ? account.avatarKey : account.headerKey;
  const id = `field-${which}`;
  const hint =
    which === 'avatar'
      ? `Shown next to your posts, cropped to a square of ${AVATAR_SIDE} × ${AVATAR_SIDE} pixels.`
      : `Shown at the top of your profile, cropped to ${HEADER_SIZE.width} × ${HEADER_SIZE.height} pixels.`;
  const current =
    which === 'avatar'
      ? avatar(account, 'large')
      : key
        ? html`<img class="header-preview" src="${mediaSrc(key)}" alt="" width="${HEADER_SIZE.width}" height="${HEADER_SIZE.height}" />`
        : html`<span class="header-preview empty">No header</span>`;
  return html`<div class="field picture-field${error ? ' has-error' : ''}">
    <label for="${id}">${which === 'avatar' ? 'Avatar' : 'Header'}</label>
    <div class="picture-current">${current}</div>
    <p class="hint" id="${id}-hint">${hint} JPEG, PNG, GIF, WebP or AVIF, up to 16 MB.</p>
    <input
      id="${id}"
      type="file"
      name="${which}"
      accept="${Object.values(IMAGE_MIME_TYPES).join(',')}"
      aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"${error ? html` aria-invalid="true"` : ''}
    />
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
    ${
      key
        ? html`<div class="field checkbox">
            <input id="field-remove_${which}" type="checkbox" name="remove_${which}" value="on" />
            <label for="field-remove_${which}">Remove the ${which} (use the default)</label>
          </div>`
        : ''
    }
  </div>`;
}

/** Which form was sent, what was typed in it, and its errors; the other forms show stored values. */
export interface SettingsState {
  form?: SettingsForm;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

function bioField(value: string, errors: FieldErrors | undefined): SafeHtml {
  const error = errors?.bio;
  return html`<div class="field${error ? ' has-error' : ''}">
    <label for="field-bio">Bio</label>
    <p class="hint" id="field-bio-hint">
      Up to ${BIO_MAX} characters. Links, @mentions and #hashtags work as in posts.
    </p>
    <textarea
      id="field-bio"
      name="bio"
      rows="4"
      maxlength="${BIO_MAX * 2}"
      aria-describedby="field-bio-hint${error ? ' field-bio-error' : ''}"
      ${error ? html` aria-invalid="true"` : ''}
    >
${value}</textarea
    >
    ${error ? html`<p class="error" id="field-bio-error">${error}</p>` : ''}
  </div>`;
}

/** `/settings`: profile, e-mail preferences, password, authorized apps and account deletion. */
export function settingsPage(ctx: PageContext, account: Account, state: SettingsState = {}): SafeHtml {
  const sent = (form: SettingsForm) => (state.form === form ? state : {});
  const profile = sent('profile');
  const pictures = sent('pictures');
  const email = sent('email');
  const password = sent('password');
  const del = sent('delete');
  const mentionEmails =
    state.form === 'email' ? state.values?.mention_emails === 'on' : account.mentionEmails;
  return layout(
    ctx,
    'Settings',
    html`<div class="column settings">
      <h1>Settings</h1>
      <nav class="card settings-nav" aria-label="Settings sections">
        <a href="#profile">Profile</a> <a href="#pictures">Pictures</a> <a href="#email">E-mail</a> <a href="#password">Password</a>
        <a href="#apps">Authorized apps</a> <a href="/settings/blocks">Blocked accounts</a>
        <a href="/settings/mutes">Muted accounts</a> <a href="/settings/filters">Filters</a>
        <a href="#delete">Delete account</a>
      </nav>

      <section class="card" id="profile" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <form method="post" action="/settings/profile#profile" novalidate>
          ${csrf(ctx.csrfToken)} ${formError(profile.errors)}
          ${field({ name: 'display_name', label: 'Display name', value: profile.values?.display_name ?? account.displayName, errors: profile.errors, hint: `Up to ${DISPLAY_NAME_MAX} characters; your username is shown when empty.`, maxlength: DISPLAY_NAME_MAX * 2, autocomplete: 'nickname' })}
          ${bioField(profile.values?.bio ?? account.bio, profile.errors)}
          <button type="submit" class="button">Save profile</button>
        </form>
      </section>

      <section class="card" id="pictures" aria-labelledby="pictures-title">
        <h2 id="pictures-title">Profile pictures</h2>
        <form method="post" action="/settings/pictures#pictures" enctype="multipart/form-data" novalidate>
          ${csrf(ctx.csrfToken)} ${formError(pictures.errors)} ${pictureField(account, 'avatar', pictures.errors)}
          ${pictureField(account, 'header', pictures.errors)}
          <button type="submit" class="button">Save pictures</button>
        </form>
      </section>

      <section class="card" id="email" aria-labelledby="email-title">
        <h2 id="email-title">E-mail</h2>
        <form method="post" action="/settings/email#email">
          ${csrf(ctx.csrfToken)} ${formError(email.errors)}
          <p class="meta">Your address: ${account.email}${account.emailConfirmedAt ? '' : ' (not confirmed yet)'}</p>
          <div class="field checkbox">
            <input
              id="field-mention_emails"
              type="checkbox"
              name="mention_emails"
              value="on"
              ${mentionEmails ? html`checked` : ''}
            />
            <label for="field-mention_emails">E-mail me when someone mentions me</label>
          </div>
          <button type="submit" class="button">Save e-mail preferences</button>
        </form>
      </section>

      <section class="card" id="password" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <form method="post" action="/settings/password#password" novalidate>
          ${csrf(ctx.csrfToken)} ${formError(password.errors)}
          <input type="text" name="username" value="${account.username}" autocomplete="username" hidden />
          ${field({ name: 'current_password', label: 'Current password', type: 'password', errors: password.errors, autocomplete: 'current-password', required: true })}
          ${field({ name: 'new_password', label: 'New password', type: 'password', errors: password.errors, autocomplete: 'new-password', hint: `At least ${PASSWORD_MIN} characters. You stay logged in here; every other session is logged out.`, required: true })}
          <button type="submit" class="button">Change password</button>
        </form>
      </section>

      <section class="card" id="apps" aria-labelledby="apps-title">
        <h2 id="apps-title">Authorized apps</h2>
        <p>Apps you allowed to use your account through the API, and what each may do.</p>
        <p><a class="button secondary" href="/settings/apps">Manage authorized apps</a></p>
      </section>

      <section class="card danger-zone" id="delete" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete account</h2>
        <p>
          This deletes @${account.username} with all of its posts, follows and favourites, at once and for
          good.
        </p>
        <form method="post" action="/settings/delete#delete" novalidate>
          ${csrf(ctx.csrfToken)} ${formError(del.errors)}
          ${field({ name: 'password', label: 'Your password, to confirm', type: 'password', errors: del.errors, autocomplete: 'current-password', required: true })}
          <button type="submit" class="button danger">Delete my account</button>
        </form>
      </section>
    </div>`,
  );
}
