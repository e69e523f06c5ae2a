import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  MAX_MEDIA_ATTACHMENTS,
  POLL_MAX_OPTIONS,
  pageRequest,
  statusPath,
  type UploadItem,
} from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { statusPage } from '../../views/pages/status-page.ts';
import { timelinePage } from '../../views/pages/timeline-page.ts';
import { formValue } from '../../params.ts';
import { postingLimit } from '../../rate-limit-budgets.ts';
import { submitForm } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { applyPageFilters } from './page-filters.ts';
import { requireViewer } from './require-viewer.ts';
import { uploadedFiles } from '../../uploads.ts';

const SLOTS = Array.from({ length: MAX_MEDIA_ATTACHMENTS }, (_, i) => i + 1);
const POLL_SLOTS = Array.from({ length: POLL_MAX_OPTIONS }, (_, i) => i + 1);

// The compose form's poll: there is one when any option was typed (blank ones are left out).
function composedPoll(request: FastifyRequest) {
  const options = POLL_SLOTS.map((n) => formValue(request, `poll_option_${n}`));
  if (options.every((o) => o.trim() === '')) return undefined;
  return {
    options,
    expiresIn: formValue(request, 'poll_expires_in'),
    multiple: formValue(request, 'poll_multiple') === 'true',
    hideTotals: formValue(request, 'poll_hide_totals') === 'true',
  };
}

/** Compose, view and delete statuses. */
export default async function statusRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.post(
    '/statuses',
    {
      config: {
        form: true,
        // After the session's hook, which finds the viewer; one budget with the API's posting.
        rateLimit: { ...postingLimit(deps.config, (request) => request.viewer?.id), hook: 'preHandler' },
        uploads: SLOTS.map((n) => `media_${n}`),
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const input = {
        text: formValue(request, 'text'),
        visibility: formValue(request, 'visibility') || 'public',
        inReplyToId: formValue(request, 'in_reply_to_id') || null,
        sensitive: formValue(request, 'sensitive') === 'true',
        spoilerText: formValue(request, 'spoiler_text'),
        poll: composedPoll(request),
      };
      // Each image slot: its file, and its alt text (kept when the form comes back).
      const files = uploadedFiles(request);
      const descriptions = Object.fromEntries(
        SLOTS.map((n) => [`description_${n}`, formValue(request, `description_${n}`)]),
      );
      const uploads: UploadItem[] = SLOTS.flatMap((n) =>
        files[`media_${n}`]
          ? [
              {
                file: files[`media_${n}`],
                description: descriptions[`description_${n}`],
                field: `media_${n}`,
                descriptionField: `description_${n}`,
              },
            ]
          : [],
      );
      const kept = Object.values(descriptions).some(Boolean) ? descriptions : undefined;
      return submitForm(
        reply,
        async () => {
          const status = await services.statuses.postWithUploads({ actorId: viewer.id, ...input, uploads });
          setFlash(request, 'Your post is live.');
          return reply.redirect(status.inReplyToId ? statusPath(status) : '/', 303);
        },
        async (errors) => {
          // A bad reply goes back to its thread, with the error under the reply form and the text kept.
          const thread =
            input.inReplyToId && !errors.in_reply_to_id
              ? await services.statuses
                  .context({ statusId: input.inReplyToId, viewerId: viewer.id })
                  .catch(() => null)
              : null;
          const ctx = pageContext(request, reply);
          if (thread)
            return statusPage(ctx, thread.status, thread, {
              text: input.text,
              errors,
              descriptions: kept,
              sensitive: input.sensitive,
              visibility: input.visibility,
              spoilerText: input.spoilerText,
              poll: input.poll,
            });
          // The form lives on `/`, which is the home timeline for a logged-in person.
          const page = pageRequest({});
          const statuses = await services.timelines.home({ actorId: viewer.id, page });
          await applyPageFilters(deps, request, ctx, 'home', statuses);
          const compose = {
            text: input.text,
            errors,
            inReplyToId: input.inReplyToId ?? undefined,
            descriptions: kept,
            sensitive: input.sensitive,
            visibility: input.visibility,
            spoilerText: input.spoilerText,
            poll: input.poll,
          };
          return timelinePage(ctx, statuses, page.limit, compose, 'home');
        },
      );
    },
  );

  fastify.get<{ Params: { username: string; id: string } }>('/@:username/:id', async (request, reply) => {
    const thread = await services.statuses.context({
      statusId: request.params.id,
      viewerId: request.viewer?.id,
    });
    const status = thread.status;
    // A boost's page is its original's (a boost has no text of its own).
    if (status.reblog) return reply.redirect(statusPath(status.reblog), 302);
    if (status.account.username.toLowerCase() !== request.params.username.toLowerCase()) {
      return reply.redirect(statusPath(status), 301);
    }
    // The thread around the status in the viewer's `thread` filters; the status itself is shown as asked.
    const ctx = await applyPageFilters(deps, request, pageContext(request, reply), 'thread', [
      ...thread.ancestors,
      ...thread.descendants.map((d) => d.status),
    ]);
    return sendPage(reply, statusPage(ctx, status, thread));
  });

  fastify.post<{ Params: { username: string; id: string } }>(
    '/@:username/:id/delete',
    async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      await services.statuses.delete({ actorId: viewer.id, statusId: request.params.id });
      setFlash(request, 'Your post was deleted.');
      return reply.redirect('/', 303);
    },
  );
}
