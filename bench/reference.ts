// The reference server of `npm run bench`: bare Fastify + pg, on the same database as microposts.
// Each route runs ONE indexed query and renders its rows (JSON, or a minimal HTML list): no session,
// no authentication, no CSRF or security headers, no counts, no cache. It is the floor a page's own
// query sets; microposts is reported as a ratio to it. Who the viewer is comes in the query string.
// One route is not a single query: POST /api/statuses/same_writes writes what microposts's create
// writes (SAME_WRITES_SQL below), the floor of a create rather than of a bare insert.
// docs/performance.md lists what each route does; the SQL below is the whole of it.
// Run: DATABASE_URL=… PORT=… node bench/reference.ts
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply } from 'fastify';
import pg from 'pg';

// Status rows with their author, as every list below selects them.
const STATUS = `s.id, s.html, s.created_at, s.in_reply_to_id, a.id AS account_id, a.username, a.display_name`;

interface StatusRow {
  id: string;
  html: string;
  created_at: Date;
  in_reply_to_id: string | null;
  account_id: string;
  username: string;
  display_name: string;
}

// A filter keyword as a case-insensitive regular expression (Mastodon's CustomFilterKeyword#to_regex,
// rules/filter-rules.ts keywordPattern): its special characters escaped, and a whole-word keyword
// bounded by \m / \M at the ends that are word characters.
const KEYWORD_PATTERN = String.raw`CASE WHEN k.whole_word AND k.keyword ~ '^\w' THEN '\m' ELSE '' END
      || regexp_replace(k.keyword, '([.*+?^$\{\}()|\[\]\\])', '\\\1', 'g')
      || CASE WHEN k.whole_word AND k.keyword ~ '\w$' THEN '\M' ELSE '' END`;

/** The reference's queries, by scenario. */
export const REFERENCE_SQL = {
  public: `SELECT ${STATUS} FROM statuses s JOIN accounts a ON a.id = s.account_id
    WHERE s.visibility = 'public' AND a.suspended_at IS NULL
    ORDER BY s.id DESC LIMIT 20`,
  home: `SELECT ${STATUS} FROM statuses s JOIN accounts a ON a.id = s.account_id
    WHERE (s.account_id = $1 OR s.account_id IN (SELECT target_account_id FROM follows WHERE account_id = $1))
      AND a.suspended_at IS NULL
    ORDER BY s.id DESC LIMIT 20`,
  profile: `SELECT a.id AS account_id, a.username, a.display_name, a.bio_html, s.id, s.html, s.created_at, s.in_reply_to_id
    FROM accounts a LEFT JOIN LATERAL (
      SELECT id, html, created_at, in_reply_to_id FROM statuses WHERE account_id = a.id ORDER BY id DESC LIMIT 20
    ) s ON true
    WHERE lower(a.username) = lower($1) AND a.suspended_at IS NULL
    ORDER BY s.id DESC`,
  thread: `WITH RECURSIVE
      up(id, parent, depth) AS (
        SELECT id, in_reply_to_id, 0 FROM statuses WHERE id = $1
        UNION ALL SELECT s.id, s.in_reply_to_id, up.depth - 1 FROM statuses s JOIN up ON s.id = up.parent WHERE up.depth > -40),
      down(id, path, depth) AS (
        SELECT id, ARRAY[id], 1 FROM statuses WHERE in_reply_to_id = $1
        UNION ALL SELECT s.id, down.path || s.id, down.depth + 1 FROM statuses s JOIN down ON s.in_reply_to_id = down.id WHERE down.depth < 100),
      thread(id, depth, path) AS (
        SELECT id, depth, ARRAY[]::bigint[] FROM up
        UNION ALL (SELECT id, depth, path FROM down ORDER BY path LIMIT 200))
    SELECT ${STATUS} FROM thread t JOIN statuses s ON s.id = t.id JOIN accounts a ON a.id = s.account_id
    WHERE a.suspended_at IS NULL
    ORDER BY t.depth > 0, CASE WHEN t.depth <= 0 THEN t.depth END, t.path`,
  tag: `SELECT ${STATUS} FROM status_tags st JOIN statuses s ON s.id = st.status_id JOIN accounts a ON a.id = s.account_id
    WHERE st.tag_id = (SELECT id FROM tags WHERE name = $1) AND s.visibility = 'public' AND a.suspended_at IS NULL
    ORDER BY st.status_id DESC LIMIT 20`,
  search: `SELECT ${STATUS} FROM statuses s JOIN accounts a ON a.id = s.account_id,
      websearch_to_tsquery('english', $1) q
    WHERE s.search_vector @@ q AND s.visibility = 'public' AND a.suspended_at IS NULL
    ORDER BY ts_rank(s.search_vector, q) DESC, s.id DESC LIMIT 20`,
  accountStatuses: `SELECT ${STATUS} FROM statuses s JOIN accounts a ON a.id = s.account_id
    WHERE s.account_id = $1 AND a.suspended_at IS NULL
    ORDER BY s.id DESC LIMIT 20`,
  notifications: `SELECT n.id AS notification_id, n.type, n.created_at AS notified_at, ${STATUS}
    FROM notifications n JOIN accounts a ON a.id = n.from_account_id LEFT JOIN statuses s ON s.id = n.status_id
    WHERE n.account_id = $1 AND a.suspended_at IS NULL
    ORDER BY n.id DESC LIMIT 40`,
  // The 20 newest open reports not about the viewer, with the reported account, the reporter and the
  // statuses attached.
  moderation: `SELECT r.id AS report_id, r.category, r.comment, r.created_at AS reported_at,
      rp.username AS reporter, ${STATUS}
    FROM (SELECT * FROM reports WHERE resolved_at IS NULL AND target_account_id <> $1 ORDER BY id DESC LIMIT 20) r
    JOIN accounts a ON a.id = r.target_account_id
    LEFT JOIN accounts rp ON rp.id = r.account_id
    LEFT JOIN statuses s ON s.id = ANY (r.status_ids)
    ORDER BY r.id DESC, s.id`,
  // The 20 newest statuses of the list's members (each member's newest from statuses_account_id_id,
  // merged), the owner's list only; replies to others as the list's replies policy (`list`: to
  // themselves, to the owner or to a member). The subqueries name $1 and $2, not the outer row's
  // columns, so each is hashed once rather than once per member.
  list: `SELECT ${STATUS} FROM lists l
    JOIN list_accounts la ON la.list_id = l.id
    JOIN accounts a ON a.id = la.account_id AND a.suspended_at IS NULL
    CROSS JOIN LATERAL (
      SELECT x.id, x.html, x.created_at, x.in_reply_to_id FROM statuses x
      WHERE x.account_id = la.account_id
        AND (x.in_reply_to_account_id IS NULL OR x.in_reply_to_account_id IN (x.account_id, $2)
          OR l.replies_policy = 'followed' AND EXISTS (SELECT 1 FROM follows rf
            WHERE rf.account_id = $2 AND rf.target_account_id = x.in_reply_to_account_id)
          OR l.replies_policy = 'list' AND EXISTS (SELECT 1 FROM list_accounts rl
            WHERE rl.list_id = $1 AND rl.account_id = x.in_reply_to_account_id))
      ORDER BY x.id DESC LIMIT 20) s
    WHERE l.id = $1 AND l.account_id = $2
    ORDER BY s.id DESC LIMIT 20`,
  // Every version of a status, oldest first: the versions edits replaced (status_edits_status_id),
  // then the status itself; a public or unlisted status of an author not suspended.
  history: `SELECT s.id, v.html, v.created_at, s.in_reply_to_id, a.id AS account_id, a.username, a.display_name
    FROM statuses s JOIN accounts a ON a.id = s.account_id
    CROSS JOIN LATERAL (
      SELECT e.id AS version_id, e.html, e.created_at FROM status_edits e WHERE e.status_id = s.id
      UNION ALL SELECT NULL, s.html, coalesce(s.edited_at, s.created_at)) v
    WHERE s.id = $1 AND s.visibility IN ('public', 'unlisted') AND a.suspended_at IS NULL
    ORDER BY v.version_id NULLS LAST`,
  // The home page (as `home`) through the viewer's filters active in `home`: the statuses a `hide`
  // filter's keywords match left out, the others with the `warn` filters that match them (title and
  // the matched text), matched as microposts matches (content warning and text, case-insensitive).
  homeFiltered: `WITH page AS (
      SELECT ${STATUS}, s.spoiler_text, s.text FROM statuses s JOIN accounts a ON a.id = s.account_id
      WHERE (s.account_id = $1 OR s.account_id IN (SELECT target_account_id FROM follows WHERE account_id = $1))
        AND a.suspended_at IS NULL
      ORDER BY s.id DESC LIMIT 20),
    active AS (
      SELECT f.id, f.title, f.action, string_agg(${KEYWORD_PATTERN}, '|') AS pattern
      FROM filters f JOIN filter_keywords k ON k.filter_id = f.id
      WHERE f.account_id = $1 AND 'home' = ANY (f.context) AND (f.expires_at IS NULL OR f.expires_at > now())
      GROUP BY f.id)
    SELECT p.id, p.html, p.created_at, p.in_reply_to_id, p.account_id, p.username, p.display_name, m.filtered
    FROM page p LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('id', f.id::text, 'title', f.title, 'filter_action', f.action,
               'keyword_matches', hit)) FILTER (WHERE f.action = 'warn') AS filtered,
             bool_or(f.action = 'hide') AS hidden
      FROM active f, regexp_match(concat_ws(E'\n\n', nullif(p.spoiler_text, ''), p.text), f.pattern, 'i') hit
      WHERE hit IS NOT NULL) m ON true
    WHERE m.hidden IS NOT TRUE
    ORDER BY p.id DESC`,
  createStatus: `INSERT INTO statuses (account_id, text, html, visibility) VALUES ($1, $2, $3, 'public')
    RETURNING id, created_at`,
  favourite: `INSERT INTO favourites (account_id, status_id) VALUES ($1, $2)
    ON CONFLICT (account_id, status_id) DO NOTHING`,
} as const;

/**
 * The writes of microposts's create (packages/core/src/services/statuses/create-status.ts and the
 * repositories it calls in packages/db), as bare prepared statements. Per request:
 *   1. the posting budget's exact count (rate-limit-repository.ts add(), key post:account:<id>), in a
 *      statement of its own before the transaction, as microposts's rate-limit store counts it;
 *   2. BEGIN, and the trigger keys collected rather than notified (unit-of-work.ts, migration 0025);
 *   3. one statement: the mentioned usernames and the hashtag resolved to ids (active accounts the
 *      author does not block: findMentionable, blocks.between), the status, its mentions, its tags
 *      (made as needed) and status_tags (status-repository.ts create), the mention notifications
 *      unless a block or mute stands in the way (notification-repository.ts create), and one mention
 *      e-mail job per notified account through microposts_enqueue_job (job-repository.ts enqueueMany);
 *   4. the deferred counter triggers, the change_outbox row, COMMIT and microposts_announce in one
 *      message (unit-of-work.ts); announced change_outbox rows are deleted in batches every 250 ms.
 * The counters (account_stats, status_stats, tags) are kept by the tables' triggers, as for microposts.
 * Not done, because they are not writes of a create: the reads before it (actor, mentionable accounts
 * and blocks, which microposts answers from its read cache), language detection (the body says the
 * language microposts detects for the benchmark's texts: en), the status read back and rendered as a
 * Mastodon entity, the token's last-used touch (once in 5 minutes) and the API budget (counted in
 * memory, sent once a second). bench/same-writes-check.ts checks that both write the same rows.
 */
export const SAME_WRITES_SQL = {
  postingBudget: `INSERT INTO rate_limits AS r (key, count, reset_at) VALUES ($1, 1, now() + interval '3 hours')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.count + 1 END,
      reset_at = CASE WHEN r.reset_at <= now() THEN excluded.reset_at ELSE r.reset_at END
    RETURNING count`,
  begin: `BEGIN; SELECT set_config('microposts.changes', E'\\n', true)`,
  // $1 author, $2 text, $3 html, $4 language, $5 mentioned usernames (lower case), $6 tag names
  // (normalized), $7 the request id the jobs' payloads carry.
  create: `WITH mentioned AS (
      SELECT a.id, a.username FROM accounts a
      WHERE lower(a.username) = ANY ($5::text[]) AND a.suspended_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = $1 AND b.target_account_id = a.id)),
    s AS (
      INSERT INTO statuses (account_id, text, html, visibility, language) VALUES ($1, $2, $3, 'public', $4)
      RETURNING id, created_at),
    m AS (INSERT INTO mentions (status_id, account_id) SELECT s.id, mentioned.id FROM s, mentioned),
    new_tags AS (
      INSERT INTO tags (name) SELECT unnest($6::text[]) ON CONFLICT (name) DO NOTHING RETURNING id, name),
    tag_ids AS (
      SELECT id FROM new_tags
      UNION ALL SELECT id FROM tags WHERE name = ANY ($6::text[]) AND name NOT IN (SELECT name FROM new_tags)),
    st AS (INSERT INTO status_tags (status_id, tag_id) SELECT s.id, tag_ids.id FROM s, tag_ids),
    n AS (
      INSERT INTO notifications (account_id, from_account_id, type, status_id)
      SELECT mentioned.id, $1, 'mention', s.id FROM s, mentioned
      WHERE mentioned.id <> $1
        AND NOT EXISTS (SELECT 1 FROM blocks nb WHERE nb.account_id = mentioned.id AND nb.target_account_id = $1)
        AND NOT EXISTS (SELECT 1 FROM blocks nb WHERE nb.account_id = $1 AND nb.target_account_id = mentioned.id)
        AND NOT EXISTS (SELECT 1 FROM mutes nm WHERE nm.account_id = mentioned.id AND nm.target_account_id = $1
          AND nm.notifications AND (nm.expires_at IS NULL OR nm.expires_at > now()))
      ON CONFLICT DO NOTHING
      RETURNING account_id),
    -- volatile, so evaluated in full (never inlined) when counted below
    jobs AS (
      SELECT microposts_enqueue_job('mention-email',
        ('{"statusId":"' || s.id || '","accountId":"' || n.account_id || '","requestId":"' || $7 || '"}')::json,
        now(), NULL, 'mention-email:' || s.id || ':' || n.account_id)
      FROM s, n)
    SELECT s.id::text AS id, s.created_at,
      (SELECT coalesce(json_agg(json_build_object('id', id::text, 'username', username)), '[]') FROM mentioned) AS mentions,
      (SELECT count(*) FROM jobs)::int AS jobs
    FROM s`,
  // microposts_outbox and microposts_announce name the transaction's own UUID in the text (as
  // unit-of-work.ts does): several statements in one message cannot be a prepared statement.
  commit: (outbox: string) =>
    `SET CONSTRAINTS ALL IMMEDIATE; SELECT microposts_outbox('${outbox}'); COMMIT; ` +
    `SELECT microposts_announce('${outbox}', NULL)`,
  forget: `DELETE FROM change_outbox WHERE id = ANY ($1::uuid[])`,
} as const;

const MENTION = /(?<![\p{L}\p{N}_@/.])@([A-Za-z0-9_]{1,30})(?![A-Za-z0-9_@])/gu;
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&#/])#([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu;

/**
 * The status HTML as microposts renders the benchmark's texts (one paragraph, mentions and
 * hashtags; no links, no line breaks), with microposts's patterns. Unlike microposts it links every
 * @name without knowing the account exists: for the benchmark's texts, whose mentions all exist,
 * the HTML is the same (same-writes-check.ts compares it).
 */
function renderStatus(base: string, text: string) {
  const html = escape(text)
    .replace(
      MENTION,
      (_m, name: string) =>
        `<span class="h-card"><a href="${base}/@${name}" class="u-url mention">@<span>${name}</span></a></span>`,
    )
    .replace(
      HASHTAG,
      (_m, tag: string) =>
        `<a href="${base}/tags/${encodeURIComponent(tag.normalize('NFKC').toLowerCase())}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`,
    );
  return {
    html: `<p>${html}</p>`,
    mentions: [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))],
    tags: [...new Set([...text.matchAll(HASHTAG)].map((m) => m[1]!.normalize('NFKC').toLowerCase()))],
  };
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const statusJson = (r: StatusRow) => ({
  id: r.id,
  created_at: r.created_at,
  in_reply_to_id: r.in_reply_to_id,
  content: r.html,
  account: { id: r.account_id, username: r.username, acct: r.username, display_name: r.display_name },
});

/** A status row as the page lists it; `warned`: behind a <details> naming the filters that matched. */
const htmlItem = (r: StatusRow, warned?: string[]) => {
  const item =
    `<a href="/@${escape(r.username)}">${escape(r.display_name)}</a> ` +
    `<a href="/@${escape(r.username)}/${r.id}"><time>${r.created_at.toISOString()}</time></a>${r.html}`;
  return warned?.length
    ? `<li><details><summary>Filtered: ${escape(warned.join(', '))}</summary>${item}</details></li>`
    : `<li>${item}</li>`;
};

interface FilteredRow extends StatusRow {
  filtered: { id: string; title: string; filter_action: string; keyword_matches: string[] }[] | null;
}

function htmlList(reply: FastifyReply, title: string, rows: StatusRow[]) {
  const items = rows
    .map((r) =>
      htmlItem(
        r,
        (r as Partial<FilteredRow>).filtered?.map((f) => f.title),
      ),
    )
    .join('');
  return reply
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html><head><title>${escape(title)}</title></head><body><ol>${items}</ol></body></html>`,
    );
}

/** The reference app on a pool of `poolSize` connections. */
export function referenceApp(databaseUrl: string, poolSize = 10) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const rows = async (sql: string, params: unknown[] = []) => (await pool.query<StatusRow>(sql, params)).rows;
  const app = Fastify({ logger: false });
  app.addHook('onClose', () => pool.end());
  type Q = { Querystring: Record<string, string> };

  app.get('/health', async () => ({ ok: true }));
  app.get('/public', async (_q, reply) => htmlList(reply, 'Public', await rows(REFERENCE_SQL.public)));
  app.get('/api/public', async () => (await rows(REFERENCE_SQL.public)).map(statusJson));
  app.get<Q>('/home', async (q, reply) =>
    htmlList(reply, 'Home', await rows(REFERENCE_SQL.home, [q.query.account])),
  );
  app.get<Q>('/api/home', async (q) => (await rows(REFERENCE_SQL.home, [q.query.account])).map(statusJson));
  app.get<Q>('/profile', async (q, reply) => {
    const list = await rows(REFERENCE_SQL.profile, [q.query.username]);
    if (list.length === 0) return reply.code(404).send('not found');
    return htmlList(reply, list[0]!.display_name, list[0]!.id ? list : []);
  });
  app.get<Q>('/status', async (q, reply) => {
    const list = await rows(REFERENCE_SQL.thread, [q.query.id]);
    if (list.length === 0) return reply.code(404).send('not found');
    return htmlList(reply, 'Thread', list);
  });
  app.get<Q>('/tag', async (q, reply) =>
    htmlList(reply, `#${q.query.name}`, await rows(REFERENCE_SQL.tag, [q.query.name])),
  );
  app.get<Q>('/search', async (q, reply) =>
    htmlList(reply, 'Search', await rows(REFERENCE_SQL.search, [q.query.q])),
  );
  app.get<Q>('/api/account_statuses', async (q) =>
    (await rows(REFERENCE_SQL.accountStatuses, [q.query.id])).map(statusJson),
  );
  app.get<Q>('/api/notifications', async (q) => {
    const list = await pool.query(REFERENCE_SQL.notifications, [q.query.account]);
    return list.rows.map((r) => ({
      id: r.notification_id,
      type: r.type,
      created_at: r.notified_at,
      account: { id: r.account_id, username: r.username, acct: r.username, display_name: r.display_name },
      status: r.id ? { id: r.id, created_at: r.created_at, content: r.html } : null,
    }));
  });
  app.get<Q>('/moderation', async (q, reply) =>
    htmlList(reply, 'Moderation', await rows(REFERENCE_SQL.moderation, [q.query.account])),
  );
  app.get<Q>('/list', async (q, reply) =>
    htmlList(reply, 'List', await rows(REFERENCE_SQL.list, [q.query.id, q.query.account])),
  );
  app.get<Q>('/api/list', async (q) =>
    (await rows(REFERENCE_SQL.list, [q.query.id, q.query.account])).map(statusJson),
  );
  app.get<Q>('/history', async (q, reply) => {
    const list = await rows(REFERENCE_SQL.history, [q.query.id]);
    if (list.length === 0) return reply.code(404).send('not found');
    return htmlList(reply, 'Versions', list.reverse());
  });
  app.get<Q>('/api/history', async (q, reply) => {
    const list = await rows(REFERENCE_SQL.history, [q.query.id]);
    if (list.length === 0) return reply.code(404).send({ error: 'Record not found' });
    return list.map((r) => ({
      content: r.html,
      created_at: r.created_at,
      account: { id: r.account_id, username: r.username, acct: r.username, display_name: r.display_name },
    }));
  });
  app.get<Q>('/home_filtered', async (q, reply) =>
    htmlList(reply, 'Home', await rows(REFERENCE_SQL.homeFiltered, [q.query.account])),
  );
  app.get<Q>('/api/home_filtered', async (q) =>
    ((await rows(REFERENCE_SQL.homeFiltered, [q.query.account])) as FilteredRow[]).map((r) => ({
      ...statusJson(r),
      filtered: (r.filtered ?? []).map(({ keyword_matches, ...filter }) => ({ filter, keyword_matches })),
    })),
  );
  app.post<{ Body: { account: string; status: string } }>('/api/statuses', async (q) => {
    const text = q.body.status;
    const { rows: created } = await pool.query(REFERENCE_SQL.createStatus, [
      q.body.account,
      text,
      `<p>${escape(text)}</p>`,
    ]);
    return { id: created[0].id, created_at: created[0].created_at, content: `<p>${escape(text)}</p>` };
  });
  // The announced change rows, deleted in batches (as unit-of-work.ts does).
  let announced: string[] = [];
  let forgetTimer: NodeJS.Timeout | null = null;
  const forget = () => {
    forgetTimer = null;
    const ids = announced;
    announced = [];
    pool.query({ name: 'same-writes-forget', text: SAME_WRITES_SQL.forget, values: [ids] }).catch(() => {});
  };
  const base = process.env.PUBLIC_URL ?? 'http://127.0.0.1';
  const postLimit = Number(process.env.RATE_LIMIT_POSTS ?? 300);
  app.post<{ Body: { account: string; status: string; language?: string } }>(
    '/api/statuses/same_writes',
    async (q, reply) => {
      const { account, status: text, language = null } = q.body;
      const { html, mentions, tags } = renderStatus(base, text);
      const budget = await pool.query({
        name: 'same-writes-budget',
        text: SAME_WRITES_SQL.postingBudget,
        values: [`post:account:${account}`],
      });
      if (budget.rows[0].count > postLimit) return reply.code(429).send({ error: 'Too many requests' });
      const requestId = randomUUID();
      // A deadlock rolls the transaction back; it is run again, at most three times (as unit-of-work.ts).
      for (let attempt = 1; ; attempt++) {
        const outbox = randomUUID();
        const client = await pool.connect();
        try {
          await client.query(SAME_WRITES_SQL.begin);
          const { rows } = await client.query({
            name: 'same-writes-create',
            text: SAME_WRITES_SQL.create,
            values: [account, text, html, language, mentions, tags, requestId],
          });
          await client.query(SAME_WRITES_SQL.commit(outbox));
          client.release();
          announced.push(outbox);
          forgetTimer ??= setTimeout(forget, 250).unref();
          const created = rows[0];
          return {
            id: created.id,
            created_at: created.created_at,
            content: html,
            visibility: 'public',
            language,
            mentions: created.mentions.map((m: { id: string; username: string }) => ({
              ...m,
              acct: m.username,
            })),
            tags: tags.map((name) => ({ name, url: `${base}/tags/${encodeURIComponent(name)}` })),
          };
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          client.release();
          if ((error as { code?: string }).code !== '40P01' || attempt >= 3) throw error;
        }
      }
    },
  );
  app.post<{ Body: { account: string; status: string } }>('/api/favourite', async (q) => {
    await pool.query(REFERENCE_SQL.favourite, [q.body.account, q.body.status]);
    return { id: q.body.status, favourited: true };
  });
  return app;
}

if (import.meta.main) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const app = referenceApp(url);
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void app.close().then(() => process.exit(0)));
}
