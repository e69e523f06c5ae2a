// The e-mails microposts sends: a plain text part and an HTML part with the same content.
import { escapeHtml } from '../text/escape.ts';
import type { PublicAccount } from '../types/accounts.ts';
import type { Status } from '../types/statuses.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const e = escapeHtml;

// Inline styles only: mail clients drop <style> and external CSS.
function frame(title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1c1e21">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
${body}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:13px;color:#5b6270">${footer}</p>
</body></html>`;
}

const button = (href: string, label: string) =>
  `<p><a href="${e(href)}" style="display:inline-block;background:#3b5bdb;color:#fff;text-decoration:none;padding:10px 18px;border-radius:8px">${e(label)}</a></p>`;

function who(account: PublicAccount): string {
  return account.displayName ? `${account.displayName} (@${account.username})` : `@${account.username}`;
}

/**
 * "X mentioned you": the status (only its content warning when it has one: what the author hid is
 * not put in an inbox), a link to it, and how to stop these e-mails.
 */
export function mentionMail(input: {
  status: Status;
  baseUrl: string;
  statusUrl: string;
  unsubscribeUrl: string;
  settingsUrl: string;
}): RenderedMail {
  const { status } = input;
  // The status HTML is our own renderer's; its site-relative links (hashtags) need the host in an e-mail.
  const statusHtml = status.html.replace(/href="\//g, `href="${e(input.baseUrl)}/`);
  const author = who(status.account);
  const subject = `${author} mentioned you on microposts`;
  const warning = status.spoilerText;
  const hidden = 'The post is behind this content warning; open it to read it.';
  const text = [
    `${author} mentioned you:`,
    '',
    ...(warning ? [`Content warning: ${warning}`, hidden] : [status.text]),
    '',
    `Open it: ${input.statusUrl}`,
    '',
    '--',
    `You get this e-mail because you were mentioned. Stop mention e-mails: ${input.unsubscribeUrl}`,
    `or change it in your settings: ${input.settingsUrl}`,
  ].join('\n');
  const html = frame(
    subject,
    `<p style="margin-top:0"><strong>${e(author)}</strong> mentioned you:</p>
<blockquote style="margin:0;padding:12px 16px;border-left:4px solid #3b5bdb;background:#f8f9fb;font-size:16px;line-height:1.5">${
      warning
        ? `<p style="margin:0"><strong>Content warning:</strong> ${e(warning)}</p><p style="margin:8px 0 0;color:#5b6270;font-size:14px">${e(hidden)}</p>`
        : statusHtml
    }</blockquote>
${button(input.statusUrl, 'Open the post')}`,
    `You get this e-mail because you were mentioned. <a href="${e(input.unsubscribeUrl)}" style="color:#5b6270">Stop mention e-mails</a> · <a href="${e(input.settingsUrl)}" style="color:#5b6270">E-mail settings</a>`,
  );
  return { subject, text, html };
}

/** The link that confirms an address after sign-up. */
export function confirmationMail(input: { username: string; url: string }): RenderedMail {
  const subject = 'Confirm your e-mail address for microposts';
  const text = [
    `Hello @${input.username},`,
    '',
    'Please confirm your e-mail address by opening this link:',
    input.url,
    '',
    'Until you do, microposts sends you no notification e-mails.',
    'If you did not sign up, ignore this e-mail; nothing happens.',
  ].join('\n');
  const html = frame(
    subject,
    `<p style="margin-top:0">Hello @${e(input.username)},</p>
<p>Please confirm your e-mail address. Until you do, microposts sends you no notification e-mails.</p>
${button(input.url, 'Confirm my address')}
<p style="font-size:13px;color:#5b6270">Or open this link: <a href="${e(input.url)}">${e(input.url)}</a></p>`,
    'If you did not sign up, ignore this e-mail; nothing happens.',
  );
  return { subject, text, html };
}

/** The single-use password reset link. */
export function passwordResetMail(input: { username: string; url: string }): RenderedMail {
  const subject = 'Reset your microposts password';
  const text = [
    `Hello @${input.username},`,
    '',
    'Someone asked to reset the password of your account. To choose a new password, open this link',
    'within an hour (it works once):',
    input.url,
    '',
    'If it was not you, ignore this e-mail: your password stays as it is.',
  ].join('\n');
  const html = frame(
    subject,
    `<p style="margin-top:0">Hello @${e(input.username)},</p>
<p>Someone asked to reset the password of your account. The link works once, within an hour.</p>
${button(input.url, 'Choose a new password')}
<p style="font-size:13px;color:#5b6270">Or open this link: <a href="${e(input.url)}">${e(input.url)}</a></p>`,
    'If it was not you, ignore this e-mail: your password stays as it is.',
  );
  return { subject, text, html };
}
