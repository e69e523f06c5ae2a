import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FilterInput } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import {
  filterFormPage,
  filterFormValues,
  filtersPage,
  type FilterFormValues,
  type KeywordRow,
} from '../../views/pages/filters-pages.ts';
import { formValue } from '../../params.ts';
import { submitForm } from './form.ts';
import { pageContext, sendPage, setFlash } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

type IdParams = { Params: { id: string } };

// The form as sent: every checkbox is on the page, so an unticked one is false (not "not given").
function formValues(request: FastifyRequest): FilterFormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => typeof x === 'string');
  const rowsOf = body.keywords_attributes;
  const rows = Array.isArray(rowsOf)
    ? rowsOf
    : rowsOf && typeof rowsOf === 'object'
      ? Object.values(rowsOf)
      : [];
  const keywords = rows.flatMap((r: unknown): KeywordRow[] => {
    if (!r || typeof r !== 'object') return [];
    const row = r as Record<string, unknown>;
    const id = typeof row.id === 'string' && row.id ? row.id : undefined;
    const keyword = typeof row.keyword === 'string' ? row.keyword : '';
    return [
      { ...(id ? { id } : {}), keyword, wholeWord: row.whole_word === 'on', destroy: row._destroy === 'on' },
    ];
  });
  return {
    title: formValue(request, 'title'),
    context: list(body.context),
    action: formValue(request, 'filter_action'),
    expiresIn: formValue(request, 'expires_in'),
    keywords,
  };
}

// The service's input: empty new rows add nothing; `keep` leaves the end as it is.
function filterInput(v: FilterFormValues): FilterInput {
  return {
    title: v.title,
    context: v.context,
    filterAction: v.action,
    expiresIn: v.expiresIn === 'keep' ? undefined : v.expiresIn,
    keywords: v.keywords
      .filter((k) => k.id || k.keyword.trim() !== '')
      .map((k) => ({ id: k.id, keyword: k.keyword, wholeWord: k.wholeWord, destroy: k.destroy })),
  };
}

/** Settings › Filters: list, make, change and delete filters, through the API's filter services. */
export default async function filterRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  fastify.get('/settings/filters', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const filters = await services.filters.list({ actorId: viewer.id });
    return sendPage(reply, filtersPage(pageContext(request, reply), filters));
  });

  fastify.get('/settings/filters/new', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return sendPage(reply, filterFormPage(pageContext(request, reply), null, filterFormValues(null)));
  });

  fastify.post('/settings/filters', { config: { form: true } }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const values = formValues(request);
    return submitForm(
      reply,
      async () => {
        const made = await services.filters.create({ actorId: viewer.id, ...filterInput(values) });
        setFlash(request, `Filter “${made.title}” made.`);
        return reply.redirect('/settings/filters', 303);
      },
      (errors) => filterFormPage(pageContext(request, reply), null, values, errors),
    );
  });

  fastify.get<IdParams>('/settings/filters/:id', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const filter = await services.filters.get({ actorId: viewer.id, id: request.params.id });
    return sendPage(reply, filterFormPage(pageContext(request, reply), filter, filterFormValues(filter)));
  });

  fastify.post<IdParams>('/settings/filters/:id', { config: { form: true } }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    // Another person's filter is the 404 page, before anything is read from the form.
    const filter = await services.filters.get({ actorId: viewer.id, id: request.params.id });
    const values = formValues(request);
    return submitForm(
      reply,
      async () => {
        const saved = await services.filters.update({
          actorId: viewer.id,
          id: filter.id,
          ...filterInput(values),
        });
        setFlash(request, `Filter “${saved.title}” saved.`);
        return reply.redirect('/settings/filters', 303);
      },
      (errors) => filterFormPage(pageContext(request, reply), filter, values, errors),
    );
  });

  fastify.post<IdParams>('/settings/filters/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const filter = await services.filters.get({ actorId: viewer.id, id: request.params.id });
    await services.filters.remove({ actorId: viewer.id, id: filter.id });
    setFlash(request, `Filter “${filter.title}” deleted.`);
    return reply.redirect('/settings/filters', 303);
  });
}
