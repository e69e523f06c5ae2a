// The benchmark's scenarios: what microposts is asked, what the reference server is asked for the
// same page (see reference.ts), and the target of issue 9 for each. Reads first, writes last (the
// runner keeps this order), so no write changes what a read measures.
import type { Fixtures } from './seed/index.ts';

export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Per request n (0, 1, 2…): a different path or body, for writes that must not repeat. */
  vary?: (n: number) => { path?: string; body?: string; headers?: Record<string, string> };
}

export interface Target {
  /** Requests/s at least this share of the reference's on the same scenario. */
  minRatio?: number;
  /** p99 at most this many ms. */
  maxP99?: number;
  /** Requests/s at least this share of the reference's public timeline (API) rate. */
  minShareOfReferenceRead?: number;
}

export interface Scenario {
  key: string;
  name: string;
  microposts: Endpoint;
  reference: Endpoint;
  target: Target | null;
  write?: boolean;
}

export interface ScenarioContext {
  fixtures: Fixtures;
  /** Session cookies and API tokens of named accounts. */
  cookie: { light: string; heavy: string; filtered: string };
  token: { light: string; heavy: string; poster: string; favMicroposts: string; filtered: string };
  /** Tokens of the accounts that post in turn (create status, mail): people post from many accounts. */
  posterTokens: string[];
  /** The account ids of those posters, in the same order, for the reference's inserts. */
  posterIds: string[];
  /** Public statuses to favourite, one per request (newest first). */
  favouriteTargets: string[];
}

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function scenarios(c: ScenarioContext): Scenario[] {
  const f = c.fixtures;
  const { light, heavy, favReference, filtered } = f.named;
  const q = encodeURIComponent;
  const [m1, m2] = f.mentionTargets;
  const statusText = (n: number) => `bench status ${n} for @${m1} and @${m2} #${f.tag}`;
  const favourite = (n: number) => c.favouriteTargets[n % c.favouriteTargets.length]!;
  // One endpoint for both create rows: its request counter goes on, so no text is posted twice.
  const createStatus: Endpoint = {
    method: 'POST',
    path: '/api/v1/statuses',
    headers: json,
    vary: (n) => ({
      headers: bearer(c.posterTokens[n % c.posterTokens.length]!),
      body: JSON.stringify({ status: statusText(n) }),
    }),
  };
  return [
    {
      key: 'public-html',
      name: 'public timeline, HTML (anonymous)',
      microposts: { method: 'GET', path: '/public' },
      reference: { method: 'GET', path: '/public' },
      target: { minRatio: 1.0 },
    },
    {
      key: 'public-api',
      name: 'public timeline, API',
      microposts: { method: 'GET', path: '/api/v1/timelines/public', headers: bearer(c.token.light) },
      reference: { method: 'GET', path: '/api/public' },
      target: { minRatio: 1.0 },
    },
    {
      key: 'home-html-200',
      name: `home timeline, HTML, following ${f.lightFollows}`,
      microposts: { method: 'GET', path: '/', headers: { cookie: c.cookie.light } },
      reference: { method: 'GET', path: `/home?account=${light.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'home-html-5000',
      name: `home timeline, HTML, following ${f.heavyFollows}`,
      microposts: { method: 'GET', path: '/', headers: { cookie: c.cookie.heavy } },
      reference: { method: 'GET', path: `/home?account=${heavy.id}` },
      target: { minRatio: 0.4 },
    },
    {
      key: 'home-api-200',
      name: `home timeline, API, following ${f.lightFollows}`,
      microposts: { method: 'GET', path: '/api/v1/timelines/home', headers: bearer(c.token.light) },
      reference: { method: 'GET', path: `/api/home?account=${light.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'home-api-5000',
      name: `home timeline, API, following ${f.heavyFollows}`,
      microposts: { method: 'GET', path: '/api/v1/timelines/home', headers: bearer(c.token.heavy) },
      reference: { method: 'GET', path: `/api/home?account=${heavy.id}` },
      target: { minRatio: 0.4 },
    },
    {
      key: 'profile',
      name: 'profile, HTML (anonymous)',
      microposts: { method: 'GET', path: `/@${f.profile.username}` },
      reference: { method: 'GET', path: `/profile?username=${q(f.profile.username)}` },
      target: { minRatio: 0.7 },
    },
    {
      key: 'status',
      name: 'status page with its thread, HTML (anonymous)',
      microposts: { method: 'GET', path: `/@${f.thread.username}/${f.thread.id}` },
      reference: { method: 'GET', path: `/status?id=${f.thread.id}` },
      target: { minRatio: 0.7 },
    },
    {
      key: 'tag',
      name: `tag page #${f.tag}, HTML (anonymous)`,
      microposts: { method: 'GET', path: `/tags/${q(f.tag)}` },
      reference: { method: 'GET', path: `/tag?name=${q(f.tag)}` },
      target: { minRatio: 0.7 },
    },
    {
      key: 'search',
      name: `search "${f.search}", HTML (anonymous)`,
      microposts: { method: 'GET', path: `/search?q=${q(f.search)}` },
      reference: { method: 'GET', path: `/search?q=${q(f.search)}` },
      target: null,
    },
    {
      key: 'account-statuses',
      name: 'account statuses, API',
      microposts: {
        method: 'GET',
        path: `/api/v1/accounts/${f.profile.id}/statuses`,
        headers: bearer(c.token.light),
      },
      reference: { method: 'GET', path: `/api/account_statuses?id=${f.profile.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'notifications',
      name: 'notifications, API',
      microposts: { method: 'GET', path: '/api/v1/notifications', headers: bearer(c.token.light) },
      reference: { method: 'GET', path: `/api/notifications?account=${light.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'moderation',
      name: 'moderation page, HTML (a moderator, 1,000 open reports)',
      microposts: { method: 'GET', path: '/moderation', headers: { cookie: c.cookie.light } },
      reference: { method: 'GET', path: `/moderation?account=${light.id}` },
      target: { minRatio: 0.5 },
    },
    // Issue 11's read pages: a list, a status's versions, the home page through active filters.
    {
      key: 'list-html',
      name: 'list timeline, HTML (a list of 50 followed accounts)',
      microposts: { method: 'GET', path: `/lists/${f.list.id}`, headers: { cookie: c.cookie.light } },
      reference: { method: 'GET', path: `/list?id=${f.list.id}&account=${light.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'list-api',
      name: 'list timeline, API (a list of 50 followed accounts)',
      microposts: {
        method: 'GET',
        path: `/api/v1/timelines/list/${f.list.id}`,
        headers: bearer(c.token.light),
      },
      reference: { method: 'GET', path: `/api/list?id=${f.list.id}&account=${light.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'history-html',
      name: 'status versions page (edit history, 5 versions), HTML (anonymous)',
      microposts: { method: 'GET', path: `/@${f.history.username}/${f.history.id}/history` },
      reference: { method: 'GET', path: `/history?id=${f.history.id}` },
      target: { minRatio: 0.7 },
    },
    {
      key: 'history-api',
      name: 'status history (edit history, 5 versions), API',
      microposts: {
        method: 'GET',
        path: `/api/v1/statuses/${f.history.id}/history`,
        headers: bearer(c.token.light),
      },
      reference: { method: 'GET', path: `/api/history?id=${f.history.id}` },
      target: { minRatio: 0.7 },
    },
    {
      key: 'home-filtered-html',
      name: `home timeline with filters (warn, hide), HTML, following ${f.filteredFollows}`,
      microposts: { method: 'GET', path: '/', headers: { cookie: c.cookie.filtered } },
      reference: { method: 'GET', path: `/home_filtered?account=${filtered.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'home-filtered-api',
      name: `home timeline with filters (warn, hide), API, following ${f.filteredFollows}`,
      microposts: { method: 'GET', path: '/api/v1/timelines/home', headers: bearer(c.token.filtered) },
      reference: { method: 'GET', path: `/api/home_filtered?account=${filtered.id}` },
      target: { minRatio: 0.5 },
    },
    {
      key: 'create-status',
      name: 'create status (2 mentions, 1 hashtag), API',
      microposts: createStatus,
      reference: {
        method: 'POST',
        path: '/api/statuses',
        headers: json,
        vary: (n) => ({
          body: JSON.stringify({ account: c.posterIds[n % c.posterIds.length]!, status: statusText(n) }),
        }),
      },
      target: { maxP99: 50, minShareOfReferenceRead: 0.25 },
      write: true,
    },
    // Informational: the floor of the same create. The reference side writes, in one transaction of
    // bare prepared statements, the rows microposts's create writes (reference.ts SAME_WRITES_SQL;
    // bench/same-writes-check.ts compares them); the microposts side is the same create again.
    {
      key: 'create-status-same-writes',
      name: 'create status, the same writes in bare SQL (reference)',
      microposts: createStatus,
      reference: {
        method: 'POST',
        path: '/api/statuses/same_writes',
        headers: json,
        vary: (n) => ({
          body: JSON.stringify({
            account: c.posterIds[n % c.posterIds.length]!,
            status: statusText(n),
            // what microposts detects for these texts (the floor runs no detector)
            language: 'en',
          }),
        }),
      },
      target: null,
      write: true,
    },
    {
      key: 'favourite',
      name: 'favourite, API',
      microposts: {
        method: 'POST',
        path: '/api/v1/statuses/0/favourite',
        headers: bearer(c.token.favMicroposts),
        vary: (n) => ({ path: `/api/v1/statuses/${favourite(n)}/favourite` }),
      },
      reference: {
        method: 'POST',
        path: '/api/favourite',
        headers: json,
        vary: (n) => ({ body: JSON.stringify({ account: favReference.id, status: favourite(n) }) }),
      },
      target: null,
      write: true,
    },
  ];
}
