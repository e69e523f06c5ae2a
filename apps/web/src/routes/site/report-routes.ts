import type { FastifyInstance } from 'fastify';
import { profilePath } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { reportPage } from '../../views/pages/report-page.ts';
import { formValue, queryValue } from '../../params.ts';
import { reportingLimit } from '../../rate-limit-budgets.ts';
import { submitForm } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type UserParams = { Params: { username: string } };

/** The ids ticked in a form (`status_ids[]=1&status_ids[]=2`); anything but strings is left out. */
function formList(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

/** Reporting an account (from its profile, or from one of its posts) to the moderators. */
export default async function reportRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.get<UserParams>('/@:username/report', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const statusId = queryValue(request, 'status_id') || undefined;
    const { target, statuses } = await services.reports.form({
      actorId: viewer.id,
      username: request.params.username,
      statusId,
    });
    const state = { statusIds: statusId ? [statusId] : [] };
    return sendPage(reply, reportPage(pageContext(request, reply), target, statuses, state));
  });

  fastify.post<UserParams>(
    '/@:username/report',
    {
      config: {
        form: true,
        // After the session's hook, which finds the viewer; one budget with the API's reports.
        rateLimit: { ...reportingLimit(deps.config, (request) => request.viewer?.id), hook: 'preHandler' },
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const input = {
        category: formValue(request, 'category'),
        comment: formValue(request, 'comment'),
        statusIds: formList(request.body, 'status_ids'),
      };
      return submitForm(
        reply,
        async () => {
          const { target } = await services.reports.file({
            actorId: viewer.id,
            username: request.params.username,
            ...input,
          });
          setFlash(request, `Thank you. Your report about @${target.username} was sent to the moderators.`);
          return reply.redirect(profilePath(target), 303);
        },
        async (errors) => {
          const { target, statuses } = await services.reports.form({
            actorId: viewer.id,
            username: request.params.username,
          });
          return reportPage(pageContext(request, reply), target, statuses, { ...input, errors });
        },
      );
    },
  );
}
