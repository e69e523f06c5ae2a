import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.ts';
import { loginPage, signupPage } from '../../views/pages/auth-pages.ts';
import { formValue, queryValue } from '../../params.ts';
import { addressLimit, signupLimit } from '../../rate-limit-budgets.ts';
import { endSession } from '../../plugins/session.ts';
import { safeReturnPath, submitForm } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';

/** Sign up, log in and log out. */
export default async function authRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services, config } = deps;
  // Per address here; failed log-ins per account are limited by the service (from any address).
  const signupForm = { form: true, rateLimit: signupLimit(config) };
  const loginForm = { form: true, rateLimit: addressLimit('login', config) };

  fastify.get('/signup', async (request, reply) => {
    if (request.viewer) return reply.redirect('/');
    return sendPage(reply, signupPage(pageContext(request, reply)));
  });

  fastify.post('/signup', { config: signupForm }, async (request, reply) => {
    const values = { username: formValue(request, 'username'), email: formValue(request, 'email') };
    return submitForm(
      reply,
      async () => {
        const account = await services.accounts.register({
          ...values,
          password: formValue(request, 'password'),
        });
        await request.session.regenerate();
        request.session.set('accountId', account.id);
        setFlash(request, `Welcome to microposts, @${account.username}!`);
        return reply.redirect('/', 303);
      },
      (errors) => signupPage(pageContext(request, reply), { values, errors }),
    );
  });

  fastify.get('/login', async (request, reply) => {
    const returnTo = safeReturnPath(queryValue(request, 'return_to'));
    if (request.viewer) return reply.redirect(returnTo);
    return sendPage(reply, loginPage(pageContext(request, reply), { values: { return_to: returnTo } }));
  });

  fastify.post('/login', { config: loginForm }, async (request, reply) => {
    const values = {
      login: formValue(request, 'login'),
      return_to: safeReturnPath(formValue(request, 'return_to')),
    };
    return submitForm(
      reply,
      async () => {
        const account = await services.accounts.authenticate({
          login: values.login,
          password: formValue(request, 'password'),
        });
        // A new session id on log-in, so an id planted before cannot be used afterwards.
        await request.session.regenerate();
        request.session.set('accountId', account.id);
        return reply.redirect(values.return_to, 303);
      },
      (errors) => loginPage(pageContext(request, reply), { values, errors }),
    );
  });

  // return_to (the authorize page's "use another account"): log in again, then go back there.
  fastify.post('/logout', async (request, reply) => {
    await endSession(request, reply);
    const returnTo = safeReturnPath(formValue(request, 'return_to'));
    if (returnTo === '/') return reply.redirect('/', 303);
    return reply.redirect(`/login?return_to=${encodeURIComponent(returnTo)}`, 303);
  });
}
