import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type Account } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { sessionKey } from '../../plugins/session.ts';
import { settingsPage, type SettingsForm } from '../../views/pages/settings-page.ts';
import { formValue } from '../../params.ts';
import { submitForm } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { endSession } from '../../plugins/session.ts';
import { requireViewer } from './require-viewer.ts';
import { uploadedFiles } from '../../uploads.ts';

/** Settings: each form posts on its own; errors come back next to their field with the typed values. */
export default async function settingsRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.get('/settings', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return sendPage(reply, settingsPage(pageContext(request, reply), viewer));
  });

  /** Runs one settings form: success redirects back with a message; a refusal re-renders the form. */
  async function handle(
    request: FastifyRequest,
    reply: FastifyReply,
    form: SettingsForm,
    values: Record<string, string>,
    work: (viewer: Account) => Promise<string>,
  ) {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return submitForm(
      reply,
      async () => {
        setFlash(request, await work(viewer));
        return reply.redirect(`/settings#${form}`, 303);
      },
      (errors) => settingsPage(pageContext(request, reply), viewer, { form, values, errors }),
    );
  }

  fastify.post('/settings/profile', { config: { form: true } }, async (request, reply) => {
    const values = { display_name: formValue(request, 'display_name'), bio: formValue(request, 'bio') };
    return handle(request, reply, 'profile', values, async (viewer) => {
      await services.settings.updateProfile({
        actorId: viewer.id,
        displayName: values.display_name,
        bio: values.bio,
      });
      return 'Your profile was saved.';
    });
  });

  fastify.post(
    '/settings/pictures',
    { config: { form: true, uploads: ['avatar', 'header'] } },
    async (request, reply) => {
      const files = uploadedFiles(request);
      const remove = (name: string) => formValue(request, name) === 'on';
      return handle(request, reply, 'pictures', {}, async (viewer) => {
        if (!files.avatar && !files.header && !remove('remove_avatar') && !remove('remove_header'))
          throw new ValidationError({ avatar: 'Choose a picture to upload.' });
        await services.settings.updateProfile({
          actorId: viewer.id,
          avatar: files.avatar,
          header: files.header,
          removeAvatar: remove('remove_avatar'),
          removeHeader: remove('remove_header'),
        });
        return 'Your pictures were saved.';
      });
    },
  );

  fastify.post('/settings/email', { config: { form: true } }, async (request, reply) => {
    const values = { mention_emails: formValue(request, 'mention_emails') };
    return handle(request, reply, 'email', values, async (viewer) => {
      const on = values.mention_emails === 'on';
      await services.settings.updateProfile({ actorId: viewer.id, mentionEmails: on });
      return on ? 'You will get an e-mail when someone mentions you.' : 'Mention e-mails are off.';
    });
  });

  fastify.post('/settings/password', { config: { form: true } }, async (request, reply) => {
    return handle(request, reply, 'password', {}, async (viewer) => {
      await services.settings.changePassword({
        actorId: viewer.id,
        currentPassword: formValue(request, 'current_password'),
        newPassword: formValue(request, 'new_password'),
        keepSessionId: sessionKey(request.session.sessionId),
      });
      return 'Your password was changed. Every other session was logged out and your authorized apps were signed out.';
    });
  });

  fastify.post('/settings/delete', { config: { form: true } }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return submitForm(
      reply,
      async () => {
        await services.settings.deleteAccount({
          actorId: viewer.id,
          password: formValue(request, 'password'),
        });
        // The account's sessions went with it; this browser's cookie goes too (the goodbye is a cookie).
        await endSession(request, reply);
        setFlash(request, `Your account @${viewer.username} was deleted. Goodbye!`);
        return reply.redirect('/', 303);
      },
      (errors) => settingsPage(pageContext(request, reply), viewer, { form: 'delete', errors }),
    );
  });
}
