// Who sees what, as one table: every read path × every visibility × every kind of viewer, asserted
// against one oracle (the rules of docs/visibility.md written out plainly below), through the real
// services on PostgreSQL — without a read cache, as the worker and transactions read, and with one,
// as a web process reads — and over HTTP on a running web process, through the API and the website
// wherever the path exists there. The HTTP pass runs twice, the privileged viewers first and then
// last, so a page cached for one viewer and served to another would show.
//
// The author posts one status of each visibility, each a reply to a public root, each mentioning
// @mentioned, @blocker and @blocked, each answered by a public reply of its own. Every viewer has a
// list and tries to add the author to it (only the author and its follower may). `follower` follows
// the author; `blocked` and `blocker` followed the author too, until the author blocked `blocked`
// and `blocker` blocked the author (a block ends the follows both ways). The author boosts its
// public, unlisted and followers-only statuses (a direct one cannot be boosted): the boost paths look
// for those boosts (the wrappers), each standing for its original's visibility.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError, type Services, type Visibility } from '@microposts/core';
import { apiFetch } from '../../../test/support/api-fetch.ts';
import { appOn, testApp } from '../../../test/support/app.ts';
import { fixtures, loggedIn, type TestAccount } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { SiteClient } from '../../../test/support/site-client.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];
const VIEWERS = ['author', 'follower', 'mentioned', 'stranger', 'anonymous', 'blocked', 'blocker'] as const;
type Viewer = (typeof VIEWERS)[number];

const smtp = await startSmtp();
const app = await testApp({ SMTP_URL: smtp.url });
const cached = await appOn(app.databaseUrl, { SMTP_URL: smtp.url }, { cache: true });
const web = await startWeb(app.databaseUrl);
const f = fixtures(app);
const s = app.services;

const people = {} as Record<Exclude<Viewer, 'anonymous'>, TestAccount>;
for (const who of VIEWERS) if (who !== 'anonymous') people[who] = await f.account({ username: who });
const { author, follower, mentioned, blocked, blocker } = people;
for (const who of [follower, blocked, blocker]) await f.follow(who, author);
await s.blocks.block({ actorId: author.id, targetId: blocked.id });
await s.blocks.block({ actorId: blocker.id, targetId: author.id });

const root = await f.status(author, 'The root of the thread');
const byVisibility = {} as Record<Visibility, string>;
const answers = {} as Record<Visibility, string>;
for (const v of VISIBILITIES) {
  const text = `quokka ${v} for @mentioned @blocker @blocked #vistest`;
  byVisibility[v] = // Each with a poll, for the poll read path.
    (
      await s.statuses.create({
        actorId: author.id,
        text,
        visibility: v,
        inReplyToId: root.id,
        poll: { options: ['yes', 'no'], expiresIn: 86400 },
      })
    ).id;
  answers[v] = (await f.status(author, `An answer below the ${v} one`, { inReplyTo: byVisibility[v] })).id;
  await f.favourite(mentioned, byVisibility[v]);
}
// Each viewer's list, holding the author where the viewer may add it (the author itself, or who
// follows it: the follower); the others' lists stay empty.
const lists = new Map<Viewer, string>();
for (const who of VIEWERS) {
  if (who === 'anonymous') continue;
  const list = await s.lists.create({ actorId: people[who].id, title: `${who}'s list` });
  lists.set(who, list.id);
  await s.lists
    .addMembers({ actorId: people[who].id, listId: list.id, accountIds: [author.id] })
    .catch((e: unknown) => {
      if (!isDomainError(e, 'not_found')) throw e;
    });
}
// Each of the table's statuses has an image (a processed attachment row), for the only_media paths.
const sql = sqlClient(app.databaseUrl);
for (const v of VISIBILITIES)
  await sql.rows(
    `INSERT INTO media_attachments (account_id, status_id, state, format, upload_size, file_key, width, height, file_size)
     VALUES (${author.id}, ${byVisibility[v]}, 'ready', 'webp', 10, 'vis/${v}.webp', 4, 3, 10)`,
  );
// The author pins every status that can be pinned (all but the direct one).
for (const v of ['public', 'unlisted', 'private'] as const)
  await s.pins.pin({ actorId: author.id, statusId: byVisibility[v] });
const ids = new Set(Object.values(byVisibility));
const visibilityOf = new Map(VISIBILITIES.map((v) => [byVisibility[v], v]));
const boostedVisibilities: Visibility[] = ['public', 'unlisted', 'private'];
const boostOf = new Map<string, Visibility>();
for (const v of boostedVisibilities)
  boostOf.set((await s.reblogs.reblog({ actorId: author.id, statusId: byVisibility[v] })).id, v);

// The oracle: the rules, written out for this cast.
const blockedEither = (who: Viewer) => who === 'blocked' || who === 'blocker';
function mayShow(v: Visibility, who: Viewer): boolean {
  if (who === 'author') return true;
  if (blockedEither(who)) return false;
  if (v === 'public' || v === 'unlisted') return true;
  if (v === 'private') return who === 'follower' || who === 'mentioned';
  return who === 'mentioned';
}

type Probe = (viewer: TestAccount | null) => Promise<string[]>;
interface ReadPath {
  name: string;
  /** The statuses the path looks for, by the visibility each stands for (default: the originals). */
  statuses?: Map<string, Visibility>;
  /** Whether the path exists for someone logged out. */
  anonymous: boolean;
  expected: (v: Visibility, who: Viewer) => boolean;
  service: (services: Services) => Probe;
  api?: (token: string | undefined) => Promise<string[]>;
  site?: (client: SiteClient) => Promise<string[]>;
}

const page = { limit: 40 };
const notFound = (e: unknown) => {
  if (isDomainError(e, 'not_found')) return [];
  throw e;
};
const each = async (list: string[], probe: (id: string) => Promise<boolean>) =>
  (await Promise.all(list.map(async (id) => ((await probe(id)) ? [id] : [])))).flat();
type Json = Record<string, unknown> & { id: string };
const api = async (token: string | undefined, path: string): Promise<{ status: number; body: unknown }> => {
  const r = await apiFetch(web.url, 'GET', path, token ? { token } : {});
  assert.ok(r.status === 200 || r.status === 404, `${path}: ${r.status} ${r.text}`);
  return r;
};
const apiIds = async (token: string | undefined, path: string, pick = (x: Json) => x.id) => {
  const r = await api(token, path);
  return r.status === 200 ? (r.body as Json[]).map(pick) : [];
};
const siteIds = async (client: SiteClient, path: string, selector = 'article.status') => {
  const p = await client.get(path);
  assert.ok(p.status === 200 || p.status === 404, `${path}: ${p.status}`);
  return p.status === 200 ? p.doc.querySelectorAll(selector).map((a) => a.id.replace(/^s-/, '')) : [];
};

const who = (viewer: TestAccount | null): Viewer =>
  (Object.keys(people) as Array<Exclude<Viewer, 'anonymous'>>).find((w) => people[w].id === viewer!.id)!;
const apiListId = async (token: string | undefined) =>
  ((await api(token, '/api/v1/lists')).body as Json[])[0]!.id;
// A boost shows where its original does, and never on the public timeline (as Mastodon). The boost
// of a followers-only status is followers-only itself and mentions nobody: the followers see it, the
// account the original mentions does not (as Mastodon's StatusPolicy reads the boost).
const boosted = (v: Visibility, who: Viewer) => v !== 'direct' && mayShow(v, who);
const boostShown = (v: Visibility, who: Viewer) =>
  boosted(v, who) && !(v === 'private' && who === 'mentioned');

const PATHS: ReadPath[] = [
  {
    name: 'public timeline',
    anonymous: true,
    expected: (v, who) => v === 'public' && !blockedEither(who),
    service: (x) => async (viewer) => (await x.timelines.public(page, viewer?.id)).map((st) => st.id),
    api: (t) => apiIds(t, '/api/v1/timelines/public?limit=40'),
    site: (c) => siteIds(c, '/public'),
  },
  {
    name: 'home timeline',
    anonymous: false,
    expected: (v, who) => who === 'author' || (who === 'follower' && v !== 'direct'),
    service: (x) => async (viewer) =>
      (await x.timelines.home({ actorId: viewer!.id, page })).map((st) => st.id),
    api: (t) => apiIds(t, '/api/v1/timelines/home?limit=40'),
    site: (c) => siteIds(c, '/'),
  },
  {
    name: 'home timeline, following #vistest',
    anonymous: false,
    // A followed hashtag adds public and unlisted statuses of others, never of a block either way.
    expected: (v, who) =>
      who === 'author' ||
      (who === 'follower' && v !== 'direct') ||
      ((who === 'mentioned' || who === 'stranger') && (v === 'public' || v === 'unlisted')),
    service: (x) => async (viewer) => {
      await x.tags.follow({ actorId: viewer!.id, name: 'vistest' });
      const home = await x.timelines.home({ actorId: viewer!.id, page });
      await x.tags.unfollow({ actorId: viewer!.id, name: 'vistest' });
      return home.map((st) => st.id);
    },
    api: async (t) => {
      await apiFetch(web.url, 'POST', '/api/v1/tags/vistest/follow', { token: t });
      const home = await apiIds(t, '/api/v1/timelines/home?limit=40');
      await apiFetch(web.url, 'POST', '/api/v1/tags/vistest/unfollow', { token: t });
      return home;
    },
  },
  {
    name: 'list timeline (a list holding the author)',
    anonymous: false,
    // Only the author itself and its follower could add it to their lists.
    expected: (v, who) => who === 'author' || (who === 'follower' && v !== 'direct'),
    service: (x) => async (viewer) =>
      (await x.lists.timeline({ actorId: viewer!.id, listId: lists.get(who(viewer))!, page })).map(
        (st) => st.id,
      ),
    api: async (t) => {
      const listId = await apiListId(t);
      return apiIds(t, `/api/v1/timelines/list/${listId}?limit=40`);
    },
    site: async (c) => {
      const list = (await c.get('/lists')).doc.querySelector('.lists a[href^="/lists/"]');
      return siteIds(c, list!.getAttribute('href')!);
    },
  },
  {
    name: 'profile (account statuses)',
    anonymous: true,
    expected: mayShow,
    service: (x) => async (viewer) =>
      (await x.timelines.account('author', page, viewer?.id)).statuses.map((st) => st.id),
    api: (t) => apiIds(t, `/api/v1/accounts/${author.id}/statuses?limit=40`),
    site: (c) => siteIds(c, '/@author'),
  },
  {
    name: 'hashtag timeline',
    anonymous: true,
    expected: (v, who) => v === 'public' && !blockedEither(who),
    service: (x) => async (viewer) =>
      (await x.tags.timeline('vistest', page, viewer?.id)).statuses.map((st) => st.id),
    api: (t) => apiIds(t, '/api/v1/timelines/tag/vistest?limit=40'),
    site: (c) => siteIds(c, '/tags/vistest'),
  },
  {
    name: 'public timeline, only_media',
    anonymous: true,
    expected: (v, who) => v === 'public' && !blockedEither(who),
    service: (x) => async (viewer) =>
      (await x.timelines.public(page, viewer?.id, { onlyMedia: true })).map((st) => st.id),
    api: (t) => apiIds(t, '/api/v1/timelines/public?limit=40&only_media=true'),
  },
  {
    name: 'hashtag timeline, only_media',
    anonymous: true,
    expected: (v, who) => v === 'public' && !blockedEither(who),
    service: (x) => async (viewer) =>
      (await x.tags.statuses('vistest', page, viewer?.id, { onlyMedia: true })).map((st) => st.id),
    api: (t) => apiIds(t, '/api/v1/timelines/tag/vistest?limit=40&only_media=true'),
  },
  {
    name: 'status page',
    anonymous: true,
    expected: mayShow,
    service: (x) => (viewer) =>
      each([...ids], (id) =>
        x.statuses.get(id, viewer?.id).then(
          () => true,
          (e) => notFound(e).length > 0,
        ),
      ),
    api: (t) => each([...ids], async (id) => (await api(t, `/api/v1/statuses/${id}`)).status === 200),
    site: (c) => each([...ids], async (id) => (await siteIds(c, `/@author/${id}`)).includes(id)),
  },
  {
    name: 'edit history',
    anonymous: true,
    expected: mayShow,
    service: (x) => (viewer) =>
      each([...ids], (id) =>
        x.statuses.history({ statusId: id, viewerId: viewer?.id }).then(
          () => true,
          (e) => notFound(e).length > 0,
        ),
      ),
    api: (t) => each([...ids], async (id) => (await api(t, `/api/v1/statuses/${id}/history`)).status === 200),
    site: (c) =>
      each([...ids], async (id) => {
        const p = await c.get(`/@author/${id}/history`);
        assert.ok(p.status === 200 || p.status === 404, `history ${id}: ${p.status}`);
        return p.status === 200;
      }),
  },
  {
    // The source needs a token (as on Mastodon).
    name: 'status source',
    anonymous: false,
    expected: mayShow,
    service: (x) => (viewer) =>
      each([...ids], (id) =>
        x.statuses.source({ statusId: id, viewerId: viewer?.id }).then(
          () => true,
          (e) => notFound(e).length > 0,
        ),
      ),
    api: (t) => each([...ids], async (id) => (await api(t, `/api/v1/statuses/${id}/source`)).status === 200),
  },
  {
    name: 'pinned statuses (profile top, pinned=true)',
    anonymous: true,
    expected: (v, who) => v !== 'direct' && mayShow(v, who),
    service: (x) => async (viewer) =>
      (await x.pins.list({ accountId: author.id, page, viewerId: viewer?.id })).map((st) => st.id),
    api: (t) => apiIds(t, `/api/v1/accounts/${author.id}/statuses?pinned=true`),
    site: (c) => siteIds(c, '/@author', 'section.pinned article.status'),
  },
  {
    name: 'poll',
    anonymous: true,
    expected: mayShow,
    service: (x) => (viewer) =>
      each([...ids], (id) =>
        x.polls.get({ pollId: id, viewerId: viewer?.id }).then(
          () => true,
          (e) => notFound(e).length > 0,
        ),
      ),
    api: (t) => each([...ids], async (id) => (await api(t, `/api/v1/polls/${id}`)).status === 200),
  },
  {
    name: 'thread: replies below the root',
    anonymous: true,
    expected: mayShow,
    service: (x) => (viewer) =>
      x.statuses
        .context({ statusId: root.id, viewerId: viewer?.id })
        .then((c) => c.descendants.map((d) => d.status.id), notFound),
    api: async (t) => {
      const r = await api(t, `/api/v1/statuses/${root.id}/context`);
      return r.status === 200 ? (r.body as { descendants: Json[] }).descendants.map((x) => x.id) : [];
    },
    site: (c) => siteIds(c, `/@author/${root.id}`, '.descendants article.status'),
  },
  {
    name: 'thread: what a reply answers',
    anonymous: true,
    expected: mayShow,
    service: (x) => async (viewer) =>
      (
        await Promise.all(
          VISIBILITIES.map((v) =>
            x.statuses
              .context({ statusId: answers[v], viewerId: viewer?.id })
              .then((c) => c.ancestors.map((a) => a.id), notFound),
          ),
        )
      ).flat(),
    api: async (t) =>
      (
        await Promise.all(
          VISIBILITIES.map(async (v) => {
            const r = await api(t, `/api/v1/statuses/${answers[v]}/context`);
            return r.status === 200 ? (r.body as { ancestors: Json[] }).ancestors.map((x) => x.id) : [];
          }),
        )
      ).flat(),
    site: async (c) =>
      (
        await Promise.all(
          VISIBILITIES.map((v) => siteIds(c, `/@author/${answers[v]}`, '.ancestors article.status')),
        )
      ).flat(),
  },
  {
    name: 'search',
    anonymous: true,
    // Public statuses, and one's own and those that mention one (what one took part in).
    expected: (v, who) => mayShow(v, who) && (v === 'public' || who === 'author' || who === 'mentioned'),
    service: (x) => async (viewer) =>
      (
        await x.search.search({ q: 'quokka', type: 'statuses', limit: 40, viewerId: viewer?.id })
      ).statuses.map((st) => st.id),
    api: async (t) => {
      const r = await api(t, '/api/v2/search?q=quokka&type=statuses&limit=40');
      return (r.body as { statuses: Json[] }).statuses.map((x) => x.id);
    },
    site: (c) => siteIds(c, '/search?q=quokka&type=statuses'),
  },
  {
    name: 'notifications',
    anonymous: false,
    // The mention reaches the mentioned account (a block stops it, either way); the author hears
    // of the mentioned account's favourites.
    expected: (_v, who) => who === 'mentioned' || who === 'author',
    service: (x) => async (viewer) =>
      (await x.notifications.list({ actorId: viewer!.id, page })).flatMap((n) =>
        n.status ? [n.status.id] : [],
      ),
    api: (t) =>
      apiIds(t, '/api/v1/notifications?limit=80', (n) => ((n.status as Json | null)?.id ?? '') as string),
    site: (c) => siteIds(c, '/notifications'),
  },
  {
    name: 'favourited by',
    anonymous: true,
    expected: mayShow,
    service: (x) => (viewer) =>
      each([...ids], (id) =>
        x.favourites.favouritedBy({ statusId: id, page, viewerId: viewer?.id }).then(
          (list) => list.some((e) => e.item.id === mentioned.id),
          (e) => notFound(e).length > 0,
        ),
      ),
    api: (t) =>
      each([...ids], async (id) => {
        const r = await api(t, `/api/v1/statuses/${id}/favourited_by`);
        return r.status === 200 && (r.body as Json[]).some((a) => a.id === mentioned.id);
      }),
  },
  {
    name: 'mention e-mail',
    anonymous: false,
    expected: (_v, who) => who === 'mentioned',
    service: (x) => (viewer) =>
      each(
        [...ids],
        async (id) => (await x.mail.sendMentionEmail({ statusId: id, accountId: viewer!.id })) === 'sent',
      ),
  },
  {
    name: 'direct conversations',
    anonymous: false,
    expected: (v, who) => v === 'direct' && (who === 'author' || who === 'mentioned'),
    service: (x) => async (viewer) =>
      (await x.conversations.list({ actorId: viewer!.id, page })).flatMap((e) =>
        e.item.lastStatus ? [e.item.lastStatus.id] : [],
      ),
    api: (t) =>
      apiIds(
        t,
        '/api/v1/conversations?limit=40',
        (c) => ((c.last_status as Json | null)?.id ?? '') as string,
      ),
  },
  {
    name: 'boosts: profile (account statuses)',
    statuses: boostOf,
    anonymous: true,
    expected: boostShown,
    service: (x) => async (viewer) =>
      (await x.timelines.account('author', page, viewer?.id)).statuses.map((st) => st.id),
    api: (t) => apiIds(t, `/api/v1/accounts/${author.id}/statuses?limit=40`),
    site: (c) => siteIds(c, '/@author'),
  },
  {
    name: 'boosts: home timeline',
    statuses: boostOf,
    anonymous: false,
    expected: (v, who) => v !== 'direct' && (who === 'author' || who === 'follower'),
    service: (x) => async (viewer) =>
      (await x.timelines.home({ actorId: viewer!.id, page })).map((st) => st.id),
    api: (t) => apiIds(t, '/api/v1/timelines/home?limit=40'),
    site: (c) => siteIds(c, '/'),
  },
  {
    name: 'boosts: public timeline',
    statuses: boostOf,
    anonymous: true,
    expected: () => false,
    service: (x) => async (viewer) => (await x.timelines.public(page, viewer?.id)).map((st) => st.id),
    api: (t) => apiIds(t, '/api/v1/timelines/public?limit=40'),
    site: (c) => siteIds(c, '/public'),
  },
  {
    name: 'boosts: the boost itself',
    statuses: boostOf,
    anonymous: true,
    expected: boostShown,
    service: (x) => (viewer) =>
      each([...boostOf.keys()], (id) =>
        x.statuses.get(id, viewer?.id).then(
          () => true,
          (e) => notFound(e).length > 0,
        ),
      ),
    api: (t) =>
      each([...boostOf.keys()], async (id) => (await api(t, `/api/v1/statuses/${id}`)).status === 200),
  },
  {
    name: 'reblogged by',
    anonymous: true,
    expected: boosted,
    service: (x) => (viewer) =>
      each([...ids], (id) =>
        x.reblogs.rebloggedBy({ statusId: id, page, viewerId: viewer?.id }).then(
          (list) => list.some((e) => e.item.id === author.id),
          (e) => notFound(e).length > 0,
        ),
      ),
    api: (t) =>
      each([...ids], async (id) => {
        const r = await api(t, `/api/v1/statuses/${id}/reblogged_by`);
        return r.status === 200 && (r.body as Json[]).some((a) => a.id === author.id);
      }),
  },
];

/** What a probe saw, as the set of visibilities of the table's statuses (or boosts) among them. */
function seen(found: string[], statuses = visibilityOf): Set<Visibility> {
  return new Set(found.filter((id) => statuses.has(id)).map((id) => statuses.get(id)!));
}

let cells = 0;
function check(path: ReadPath, who: Viewer, surface: string, found: string[]) {
  const got = seen(found, path.statuses);
  for (const v of VISIBILITIES) {
    assert.equal(
      got.has(v),
      path.expected(v, who),
      `${path.name}, a ${v} status, ${who} (${surface}): ${got.has(v) ? 'shown' : 'hidden'}`,
    );
    if (surface === 'services') cells++;
  }
}

const viewersFor = (path: ReadPath) => VIEWERS.filter((who) => path.anonymous || who !== 'anonymous');
const account = (who: Viewer) => (who === 'anonymous' ? null : people[who]);

test('through the services, without a read cache (transactions, the worker)', async () => {
  for (const path of PATHS)
    for (const who of viewersFor(path)) check(path, who, 'services', await path.service(s)(account(who)));
  const total = PATHS.reduce((n, p) => n + viewersFor(p).length * VISIBILITIES.length, 0);
  assert.equal(cells, total);
  // The size of the table, for the report: paths × visibilities × viewers (anonymous where the path exists).
  console.log(
    `visibility table: ${PATHS.length} paths × ${VISIBILITIES.length} visibilities × ${VIEWERS.length} viewers ` +
      `= ${PATHS.length * VISIBILITIES.length * VIEWERS.length} cells, ${cells} asserted (anonymous has no home, ` +
      'notifications, e-mails, conversations or source)',
  );
});

test('through the services, with a read cache (as a web process reads)', async () => {
  // Twice: the second pass is served from what the first cached.
  for (let pass = 0; pass < 2; pass++)
    for (const path of PATHS)
      for (const who of viewersFor(path))
        check(
          path,
          who,
          `cached services, pass ${pass + 1}`,
          await path.service(cached.services)(account(who)),
        );
});

test('what the read cache keeps for everyone holds only what everyone may see', async () => {
  // After the cached pass above, in which the author, the follower and the mentioned account read
  // every path first: the shared pages are cached, and hold no private or direct status.
  const tag = (await cached.uow.tags.findByName('vistest'))!;
  const peek = (key: string) => cached.cache!.get<unknown>(key, async () => 'not cached');
  for (const key of ['t:public', `p:${author.id}`, `g:${tag.id}`]) {
    const kept = await peek(key);
    assert.ok(Array.isArray(kept), `${key} is cached`);
    const shown = seen(kept as string[]);
    assert.ok(shown.has('public'), key);
    assert.ok(!shown.has('private') && !shown.has('direct'), `${key} holds only what everyone may see`);
    const boosts = seen(kept as string[], boostOf);
    assert.ok(!boosts.has('private'), `${key} holds no followers-only boost`);
  }
});

test('over HTTP, the API and the website, privileged viewers first and then last', async () => {
  const tokens = new Map<Viewer, string>();
  const sites = new Map<Viewer, SiteClient>();
  for (const who of VIEWERS) {
    if (who === 'anonymous') {
      sites.set(who, new SiteClient(web.url));
      continue;
    }
    tokens.set(who, (await f.token(people[who])).token);
    sites.set(who, await loggedIn(web.url, people[who]));
  }
  for (const order of [VIEWERS, [...VIEWERS].reverse()])
    for (const path of PATHS)
      for (const who of order.filter((w) => path.anonymous || w !== 'anonymous')) {
        if (path.api) check(path, who, 'API', await path.api(tokens.get(who)));
        if (path.site) check(path, who, 'website', await path.site(sites.get(who)!));
      }
});

test('the mention e-mails went to the mentioned account only, and never to a blocked or blocking one', () => {
  assert.ok(smtp.to('mentioned@example.com').length > 0);
  for (const who of ['blocked', 'blocker', 'follower', 'stranger', 'author'])
    assert.deepEqual(smtp.to(`${who}@example.com`), [], who);
});
