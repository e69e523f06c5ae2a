import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors } from '../../error-policy.ts';
import type { WebDeps } from '../../deps.ts';
import { html } from '../../views/html.ts';
import {
  forgotPasswordPage,
  linkProblemPage,
  resetPasswordPage,
  unsubscribePage,
} from '../../views/pages/email-pages.ts';
import { formValue, queryValue } from '../../params.ts';
import { addressLimit } from '../../rate-limit-budgets.ts';
import { submitForm } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { endSession } from '../../plugins/session.ts';
import { requireViewer } from './require-viewer.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A POST authenticated by something other than the session (a signed link): no CSRF token. */
    csrfExempt?: boolean;
  }
}

/** Links sent by e-mail: address confirmation, password reset, unsubscribe from mention e-mails. */
export default async function emailRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;
  const limited = (bucket: string) => ({ rateLimit: addressLimit(bucket, deps.config) });
  const form = (bucket: string) => ({ form: true, ...limited(bucket) });
  // RFC 8058 lets a mail client send the one-click POST as multipart/form-data: the website's
  // multipart parser (routes/site/index.ts) reads its one field, which tells nothing the URL does not.

  // --- address confirmation
  fastify.get('/email/confirm', async (request, reply) =>
    submitForm(
      reply,
      async () => {
        await services.accountEmails.confirm({ token: queryValue(request, 'token') });
        setFlash(request, 'Thank you: your e-mail address is confirmed.');
        return reply.redirect('/', 303);
      },
      (errors) => {
        const ctx = pageContext(request, reply);
        const next =
          ctx.viewer && !ctx.viewer.emailConfirmedAt
            ? html`<p>Use the newest e-mail we sent, or ask for a new link with the button at the top of the page.</p>`
            : html`<p>If your address is not confirmed yet, log in and ask for a new link.</p>`;
        return linkProblemPage(ctx, { title: 'Confirm your address', message: errors._form!, next });
      },
    ),
  );

  fastify.post('/email/confirm/resend', { config: limited('confirm-resend') }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    try {
      const account = await services.accountEmails.resendConfirmation({ actorId: viewer.id });
      setFlash(request, `We sent a new confirmation link to ${account.email}.`);
    } catch (error) {
      // Already confirmed, say: the person is told on the page they come back to.
      const refused = formErrors(error);
      if (!refused) throw error;
      setFlash(request, Object.values(refused.fields).join(' '));
    }
    return reply.redirect('/', 303);
  });

  // --- password reset
  fastify.get('/password/forgot', async (request, reply) =>
    sendPage(reply, forgotPasswordPage(pageContext(request, reply))),
  );

  fastify.post('/password/forgot', { config: form('password-forgot') }, async (request, reply) => {
    const email = formValue(request, 'email').trim();
    return submitForm(
      reply,
      async () => {
        await services.accountEmails.requestPasswordReset({ email });
        return sendPage(reply, forgotPasswordPage(pageContext(request, reply), { email, sent: true }));
      },
      (errors) => forgotPasswordPage(pageContext(request, reply), { email, errors }),
    );
  });

  fastify.get('/password/reset', async (request, reply) => {
    const token = queryValue(request, 'token');
    return submitForm(
      reply,
      async () => {
        await services.accountEmails.checkPasswordResetToken({ token });
        return sendPage(reply, resetPasswordPage(pageContext(request, reply), { token }));
      },
      (errors) => badReset(request, reply, errors._form!),
    );
  });

  fastify.post('/password/reset', { config: form('password-reset') }, async (request, reply) => {
    const token = formValue(request, 'token');
    return submitForm(
      reply,
      async () => {
        const { username } = await services.accountEmails.resetPassword({
          token,
          password: formValue(request, 'password'),
        });
        // Every session of the account was ended; this browser's goes too.
        await endSession(request, reply);
        setFlash(request, `Your password was changed. Log in as @${username} with your new password.`);
        return reply.redirect('/login', 303);
      },
      // A bad link is a page of its own; a bad password shows next to its field.
      (errors) =>
        errors._form
          ? badReset(request, reply, errors._form)
          : resetPasswordPage(pageContext(request, reply), { token, errors }),
    );
  });

  function badReset(request: FastifyRequest, reply: FastifyReply, message: string) {
    return linkProblemPage(pageContext(request, reply), {
      title: 'Reset your password',
      message,
      next: html`<p><a class="button" href="/password/forgot">Get a new link</a></p>`,
    });
  }
  // --- unsubscribe (RFC 8058): the signature authenticates, so it works logged out and needs no CSRF token
  fastify.get('/unsubscribe', async (request, reply) => {
    const input = { accountId: queryValue(request, 'account'), signature: queryValue(request, 'sig') };
    return sendUnsubscribe(request, reply, input.signature, () => services.mail.checkUnsubscribe(input));
  });

  fastify.post('/unsubscribe', { config: { csrfExempt: true } }, async (request, reply) => {
    // One-click (mail clients) sends the parameters in the URL; the page's button in the form body.
    const input = {
      accountId: queryValue(request, 'account') || formValue(request, 'account'),
      signature: queryValue(request, 'sig') || formValue(request, 'sig'),
    };
    return sendUnsubscribe(request, reply, input.signature, () => services.mail.unsubscribe(input), true);
  });

  // Both unsubscribe routes: the page for the signed link's account, or the problem page (403) when the
  // signature does not check out. `done`: mention e-mails were just turned off.
  async function sendUnsubscribe(
    request: FastifyRequest,
    reply: FastifyReply,
    signature: string,
    run: () => Promise<{ id: string; username: string; mentionEmails: boolean }>,
    done = false,
  ) {
    const ctx = pageContext(request, reply);
    return submitForm(
      reply,
      async () => {
        const account = await run();
        const page = unsubscribePage(ctx, {
          accountId: account.id,
          sig: signature,
          username: account.username,
          mentionEmails: account.mentionEmails && !done,
          done,
        });
        return sendPage(reply, page);
      },
      (errors) => linkProblemPage(ctx, { title: 'Mention e-mails', message: errors._form! }),
    );
  }
}
