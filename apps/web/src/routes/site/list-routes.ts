// Lists on the website: `/lists`, a list's timeline, and its edit page, with a form for every change
// (through the same lists service as the API).
import type { FastifyInstance } from 'fastify';
import { pageRequest } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import {
  listEditPage,
  listsPage,
  listTimelinePage,
  type ListFormState,
} from '../../views/pages/lists-pages.ts';
import { olderLink } from '../../views/status.ts';
import { formValue } from '../../params.ts';
import { submitForm } from './form.ts';
import { applyPageFilters } from './page-filters.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type ListParams = { Params: { id: string }; Querystring: { max_id?: string } };

/** A list form's fields as sent (an unticked checkbox is not sent at all: not exclusive). */
function listForm(request: Parameters<typeof formValue>[0]) {
  return {
    title: formValue(request, 'title'),
    repliesPolicy: formValue(request, 'replies_policy') || undefined,
    exclusive: formValue(request, 'exclusive') !== '',
  };
}

export default async function listSiteRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.get('/lists', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const lists = await services.lists.lists({ actorId: viewer.id });
    return sendPage(reply, listsPage(pageContext(request, reply), lists));
  });

  fastify.post('/lists', { config: { form: true } }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const input = listForm(request);
    return submitForm(
      reply,
      async () => {
        const list = await services.lists.create({ actorId: viewer.id, ...input });
        setFlash(request, `You made the list “${list.title}”. Add people you follow to it.`);
        return reply.redirect(`/lists/${list.id}/edit`, 303);
      },
      async (errors: ListFormState['errors']) => {
        const lists = await services.lists.lists({ actorId: viewer.id });
        return listsPage(pageContext(request, reply), lists, { ...input, errors });
      },
    );
  });

  fastify.get<ListParams>('/lists/:id', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const page = pageRequest({ max_id: request.query.max_id });
    const list = await services.lists.get({ actorId: viewer.id, listId: request.params.id });
    const statuses = await services.lists.timeline({ actorId: viewer.id, listId: list.id, page });
    const older = olderLink(`/lists/${list.id}`, statuses, page.limit);
    // The viewer's `home` filters, as on Mastodon.
    const ctx = await applyPageFilters(deps, request, pageContext(request, reply), 'home', statuses);
    return sendPage(reply, listTimelinePage(ctx, list, statuses, older));
  });

  // The edit page: the list's fields, its members, and the people the viewer follows who are not in it
  // (paged by the follow, 40 at a time).
  const editPage = async (
    request: Parameters<typeof pageContext>[0],
    reply: Parameters<typeof pageContext>[1],
    viewerId: string,
    listId: string,
    maxId: string | undefined,
    state: ListFormState = {},
  ) => {
    const list = await services.lists.get({ actorId: viewerId, listId });
    const page = pageRequest({ max_id: maxId }, 40);
    const [members, following] = await Promise.all([
      services.lists.members({ actorId: viewerId, listId: list.id, page: null }),
      services.follows.following({ accountId: viewerId, page, viewerId }),
    ]);
    const inList = new Set(members.map((m) => m.id));
    const last = following.at(-1);
    const candidates = {
      accounts: following.map((e) => e.item).filter((a) => !inList.has(a.id)),
      olderHref: following.length === page.limit && last ? `/lists/${list.id}/edit?max_id=${last.id}` : null,
    };
    return listEditPage(
      pageContext(request, reply),
      list,
      members.map((m) => m.item),
      candidates,
      state,
    );
  };

  fastify.get<ListParams>('/lists/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return sendPage(
      reply,
      await editPage(request, reply, viewer.id, request.params.id, request.query.max_id),
    );
  });

  fastify.post<ListParams>('/lists/:id', { config: { form: true } }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const input = listForm(request);
    return submitForm(
      reply,
      async () => {
        const list = await services.lists.update({ actorId: viewer.id, listId: request.params.id, ...input });
        setFlash(request, `Saved “${list.title}”.`);
        return reply.redirect(`/lists/${list.id}/edit`, 303);
      },
      (errors) => editPage(request, reply, viewer.id, request.params.id, undefined, { ...input, errors }),
    );
  });

  fastify.post<ListParams>('/lists/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const list = await services.lists.get({ actorId: viewer.id, listId: request.params.id });
    await services.lists.delete({ actorId: viewer.id, listId: list.id });
    setFlash(request, `You deleted the list “${list.title}”.`);
    return reply.redirect('/lists', 303);
  });

  for (const verb of ['add', 'remove'] as const) {
    fastify.post<ListParams>(`/lists/:id/${verb}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const input = {
        actorId: viewer.id,
        listId: request.params.id,
        accountIds: [formValue(request, 'account_id')],
      };
      if (verb === 'add') await services.lists.addMembers(input);
      else await services.lists.removeMembers(input);
      setFlash(request, verb === 'add' ? 'Added to the list.' : 'Taken out of the list.');
      return reply.redirect(`/lists/${request.params.id}/edit`, 303);
    });
  }
}
