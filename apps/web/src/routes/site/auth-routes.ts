import type { FastifyInstance } from 'fastify';
import { AuthenticationError, ValidationError } from '@microposts/core';
import type { App } from '@microposts/runtime';
import { loginPage, signupPage } from '../../views/pages/auth-pages.ts';
import { formValue, safeReturnPath } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';

/** Sign up, log in and log out. */
export default async function authRoutes(fastify: FastifyInstance, { app }: { app: App }) {
  const { services } = app;
  const authLimit = { rateLimit: { max: app.config.authRateLimit, timeWindow: '5 minutes' } };

  fastify.get('/signup', async (request, reply) => {
    if (request.viewer) return reply.redirect('/');
    return sendPage(reply, signupPage(pageContext(request, reply)));
  });

  fastify.post('/signup', { config: authLimit }, async (request, reply) => {
    const values = { username: formValue(request, 'username'), email: formValue(request, 'email') };
    try {
      const account = await services.accounts.register({
        ...values,
        password: formValue(request, 'password'),
      });
      await request.session.regenerate();
      request.session.set('accountId', account.id);
      setFlash(request, `Welcome to microposts, @${account.username}!`);
      return reply.redirect('/', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(reply, signupPage(pageContext(request, reply), { values, errors: error.fields }), 422);
    }
  });

  fastify.get('/login', async (request, reply) => {
    const returnTo = safeReturnPath((request.query as { return_to?: string }).return_to);
    if (request.viewer) return reply.redirect(returnTo);
    return sendPage(reply, loginPage(pageContext(request, reply), { values: { return_to: returnTo } }));
  });

  fastify.post('/login', { config: authLimit }, async (request, reply) => {
    const values = {
      login: formValue(request, 'login'),
      return_to: safeReturnPath(formValue(request, 'return_to')),
    };
    try {
      const account = await services.accounts.authenticate({
        login: values.login,
        password: formValue(request, 'password'),
      });
      // A new session id on log-in, so an id planted before cannot be used afterwards.
      await request.session.regenerate();
      request.session.set('accountId', account.id);
      return reply.redirect(values.return_to, 303);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      return sendPage(
        reply,
        loginPage(pageContext(request, reply), { values, errors: { _form: error.message } }),
        401,
      );
    }
  });

  fastify.post('/logout', async (request, reply) => {
    await request.session.destroy();
    return reply.redirect('/', 303);
  });
}
