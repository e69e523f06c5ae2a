// An in-memory unit of work for testing service rules without a database (cosmicpython's
// FakeUnitOfWork): plain arrays behind the repository ports, transactions that roll the arrays back
// when their function throws, and nesting that joins the outer transaction. It implements what the
// rule tests need; a repository method they do not use throws, so a test never passes by accident.
import type { Repositories, UnitOfWork } from '../../src/ports/unit-of-work.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import type { Account, AccountToken } from '../../src/types/accounts.ts';
import type { Status, StatusVersion } from '../../src/types/statuses.ts';
import type { NewNotification } from '../../src/ports/notifications.ts';
import { createServices } from '../../src/services/index.ts';

interface StoredStatus {
  id: string;
  accountId: string;
  text: string;
  html: string;
  visibility: Status['visibility'];
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  mentionedAccountIds: string[];
  tags: string[];
  language: string | null;
  spoilerText?: string | undefined;
  createdAt: Date;
  editedAt: Date | null;
}

/** Everything the fake stores; tests read it to check what was (not) written. */
export interface FakeState {
  accounts: Array<Account & { passwordHash: string }>;
  tokens: Array<AccountToken & { tokenHash: string }>;
  statuses: StoredStatus[];
  follows: Array<{ id: string; accountId: string; targetAccountId: string }>;
  favourites: Array<{ id: string; accountId: string; statusId: string }>;
  notifications: Array<NewNotification & { id: string; readAt: Date | null }>;
  blocks: Array<{ accountId: string; targetAccountId: string }>;
  mutes: Array<{
    accountId: string;
    targetAccountId: string;
    notifications: boolean;
    expiresAt: Date | null;
  }>;
  conversations: Array<{ accountId: string; statusId: string; participantIds: string[] }>;
  sessions: Array<{ id: string; accountId: string | null; expiresAt: Date }>;
  oauthTokens: Array<{ id: string; accountId: string | null; revokedAt: Date | null }>;
  idempotency: Array<{ accountId: string; keyHash: string; statusId: string | null }>;
  jobs: Array<{ task: string; payload: unknown; key: string | undefined }>;
  rateLimits: Array<{ key: string; count: number; resetAt: Date }>;
}

const emptyState = (): FakeState => ({
  accounts: [],
  tokens: [],
  statuses: [],
  follows: [],
  favourites: [],
  notifications: [],
  blocks: [],
  mutes: [],
  conversations: [],
  sessions: [],
  oauthTokens: [],
  idempotency: [],
  jobs: [],
  rateLimits: [],
});

let lastId = 1000;
const nextId = () => String(++lastId);

/** Methods the rule tests do not need: calling one fails loudly. */
function notFaked<K extends keyof Repositories>(
  name: K,
  implemented: Partial<Repositories[K]>,
): Repositories[K] {
  return new Proxy(implemented as object, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      if (key === 'then') return undefined;
      throw new Error(`FakeUnitOfWork: ${name}.${String(key)} is not faked`);
    },
  }) as Repositories[K];
}

/** A dependency the rule tests do not use: touching it fails loudly. */
function notFakedDep<T>(name: string): T {
  return new Proxy(
    {},
    {
      get(_target, key) {
        if (key === 'then') return undefined;
        throw new Error(`FakeUnitOfWork: ${name}.${String(key)} is not faked`);
      },
    },
  ) as T;
}

function repositories(state: () => FakeState): Repositories {
  const s = state;
  const versions = new Map<string, StatusVersion[]>();
  const account = (id: string) => s().accounts.find((a) => a.id === id) ?? null;
  const publicOf = (a: Account) => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    bio: a.bio,
    bioHtml: a.bioHtml,
    createdAt: a.createdAt,
    lastStatusAt: a.lastStatusAt,
    statusesCount: a.statusesCount,
    followersCount: a.followersCount,
    followingCount: a.followingCount,
    role: a.role,
  });
  const strip = ({ passwordHash: _, ...a }: Account & { passwordHash: string }): Account => ({ ...a });
  const toStatus = (row: StoredStatus, viewerId?: string): Status | null => {
    const author = account(row.accountId);
    if (!author || author.suspendedAt) return null;
    return {
      id: row.id,
      account: publicOf(author),
      text: row.text,
      html: row.html,
      visibility: row.visibility,
      inReplyToId: row.inReplyToId,
      inReplyToAccountId: row.inReplyToAccountId,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      mentions: row.mentionedAccountIds.map((id) => ({ accountId: id, username: account(id)!.username })),
      language: row.language,
      repliesCount: s().statuses.filter((r) => r.inReplyToId === row.id).length,
      favouritesCount: s().favourites.filter((f) => f.statusId === row.id).length,
      reblogsCount: 0,
      reblogged: false,
      favourited: !!viewerId && s().favourites.some((f) => f.statusId === row.id && f.accountId === viewerId),
      bookmarked: false,
      pinned: false,
      spoilerText: row.spoilerText ?? '',
    };
  };
  const lower = (x: string) => x.toLowerCase();
  const blocks = (a: string, b: string) =>
    s().blocks.some((x) => x.accountId === a && x.targetAccountId === b);
  const mutesWithNotifications = (a: string, b: string) =>
    s().mutes.some(
      (m) =>
        m.accountId === a &&
        m.targetAccountId === b &&
        m.notifications &&
        (!m.expiresAt || m.expiresAt.getTime() > Date.now()),
    );
  return {
    accounts: notFaked('accounts', {
      async create(input) {
        const a = {
          id: nextId(),
          username: input.username,
          email: input.email,
          passwordHash: input.passwordHash,
          displayName: input.displayName ?? '',
          bio: '',
          bioHtml: '',
          createdAt: new Date(),
          lastStatusAt: null,
          statusesCount: 0,
          followersCount: 0,
          followingCount: 0,
          emailConfirmedAt: null,
          mentionEmails: true,
          suspendedAt: null,
          role: 'user' as const,
        };
        s().accounts.push(a);
        return strip(a);
      },
      findById: async (id) => {
        const a = account(id);
        return a ? strip(a) : null;
      },
      findByUsername: async (username) => {
        const a = s().accounts.find((x) => lower(x.username) === lower(username));
        return a ? strip(a) : null;
      },
      findCredentials: async (login) => {
        const a = s().accounts.find(
          (x) => lower(login.includes('@') ? x.email : x.username) === lower(login),
        );
        return a ? { account: strip(a), passwordHash: a.passwordHash } : null;
      },
      findMentionable: async (usernames) =>
        s()
          .accounts.filter((a) => !a.suspendedAt && usernames.map(lower).includes(lower(a.username)))
          .map(publicOf),
      idsByUsername: async (names) =>
        new Map(
          s()
            .accounts.filter((a) => names.map(lower).includes(lower(a.username)))
            .map((a) => [lower(a.username), a.id]),
        ),
      usernameTaken: async (u) => s().accounts.some((a) => lower(a.username) === lower(u)),
      emailTaken: async (e) => s().accounts.some((a) => lower(a.email) === lower(e)),
      async updateProfile(id, changes) {
        const a = account(id)!;
        if (changes.displayName !== undefined) a.displayName = changes.displayName;
        if (changes.bio !== undefined) a.bio = changes.bio;
        if (changes.bioHtml !== undefined) a.bioHtml = changes.bioHtml;
        if (changes.mentionEmails !== undefined) a.mentionEmails = changes.mentionEmails;
        return strip(a);
      },
      async setPasswordHash(id, hash) {
        account(id)!.passwordHash = hash;
      },
      async setSuspended(id, suspended) {
        const a = account(id)!;
        a.suspendedAt = suspended ? new Date() : null;
        return strip(a);
      },
      async delete(id) {
        s().accounts = s().accounts.filter((a) => a.id !== id);
      },
    }),
    accountTokens: notFaked('accountTokens', {
      async create(input) {
        s().tokens.push({ ...input, usedAt: null });
      },
    }),
    statuses: notFaked('statuses', {
      async create(input) {
        const id = nextId();
        s().statuses.push({
          ...input,
          language: input.language ?? null,
          id,
          createdAt: new Date(),
          editedAt: null,
        });
        return id;
      },
      async findById(id, viewerId) {
        const row = s().statuses.find((r) => r.id === id);
        return row ? toStatus(row, viewerId) : null;
      },
      async update(id, changes) {
        const { language, ...rest } = changes;
        Object.assign(
          s().statuses.find((r) => r.id === id)!,
          rest,
          language === undefined ? {} : { language },
          { editedAt: new Date() },
        );
      },
      async delete(id) {
        s().statuses = s().statuses.filter((r) => r.id !== id);
      },
      async claimIdempotencyKey(accountId, keyHash) {
        const found = s().idempotency.find((k) => k.accountId === accountId && k.keyHash === keyHash);
        if (found) return found.statusId ?? '';
        s().idempotency.push({ accountId, keyHash, statusId: null });
        return null;
      },
      async recordIdempotencyKey(accountId, keyHash, statusId) {
        s().idempotency.find((k) => k.accountId === accountId && k.keyHash === keyHash)!.statusId = statusId;
      },
    }),
    timelines: notFaked('timelines', {}),
    follows: notFaked('follows', {
      async create(accountId, targetAccountId) {
        const exists = s().follows.some(
          (f) => f.accountId === accountId && f.targetAccountId === targetAccountId,
        );
        if (!exists) s().follows.push({ id: nextId(), accountId, targetAccountId });
        return { created: !exists };
      },
      async delete(accountId, targetAccountId) {
        const before = s().follows.length;
        s().follows = s().follows.filter(
          (f) => !(f.accountId === accountId && f.targetAccountId === targetAccountId),
        );
        return s().follows.length < before;
      },
      async relationships(viewerId, targetIds) {
        const has = (a: string, b: string) =>
          s().follows.some((f) => f.accountId === a && f.targetAccountId === b);
        return targetIds.map((id) => ({
          id,
          following: has(viewerId, id),
          followedBy: has(id, viewerId),
          showingReblogs: has(viewerId, id),
        }));
      },
    }),
    bookmarks: notFaked('bookmarks', {}),
    reblogs: notFaked('reblogs', {}),
    polls: notFaked('polls', {}),
    filters: notFaked('filters', {
      async active() {
        return [];
      },
    }),
    pins: notFaked('pins', {}),
    // Versions are kept in memory, per status, in the order recorded.
    statusEdits: notFaked('statusEdits', {
      async record(statusId, version) {
        (versions.get(statusId) ?? versions.set(statusId, []).get(statusId)!).push(version);
      },
      async versions(statusId) {
        return versions.get(statusId) ?? [];
      },
    }),
    favourites: notFaked('favourites', {
      async create(accountId, statusId) {
        const exists = s().favourites.some((f) => f.accountId === accountId && f.statusId === statusId);
        if (!exists) s().favourites.push({ id: nextId(), accountId, statusId });
        return { created: !exists };
      },
    }),
    notifications: notFaked('notifications', {
      async create(list) {
        // As the repository: none between accounts blocked either way, none from a muted account.
        const allowed = list.filter(
          (n) =>
            !blocks(n.accountId, n.fromAccountId) &&
            !blocks(n.fromAccountId, n.accountId) &&
            !mutesWithNotifications(n.accountId, n.fromAccountId),
        );
        for (const n of allowed) s().notifications.push({ ...n, id: nextId(), readAt: null });
        return allowed.map((n) => n.accountId);
      },
      async deleteFor(n) {
        s().notifications = s().notifications.filter(
          (x) =>
            !(
              x.accountId === n.accountId &&
              x.fromAccountId === n.fromAccountId &&
              x.type === n.type &&
              x.statusId === n.statusId
            ),
        );
      },
      async deleteFrom(accountId, fromAccountId) {
        s().notifications = s().notifications.filter(
          (x) => !(x.accountId === accountId && x.fromAccountId === fromAccountId),
        );
      },
    }),
    blocks: notFaked('blocks', {
      async create(accountId, targetAccountId) {
        const exists = blocks(accountId, targetAccountId);
        if (!exists) s().blocks.push({ accountId, targetAccountId });
        return { created: !exists };
      },
      async between(accountId, otherIds) {
        return {
          blocking: new Set(otherIds.filter((id) => blocks(accountId, id))),
          blockedBy: new Set(otherIds.filter((id) => blocks(id, accountId))),
        };
      },
    }),
    mutes: notFaked('mutes', {
      async set(accountId, targetAccountId, terms) {
        s().mutes = s().mutes.filter(
          (m) => !(m.accountId === accountId && m.targetAccountId === targetAccountId),
        );
        s().mutes.push({ accountId, targetAccountId, ...terms });
      },
      async of(accountId, targetIds) {
        return new Map(
          s()
            .mutes.filter(
              (m) =>
                m.accountId === accountId &&
                targetIds.includes(m.targetAccountId) &&
                (!m.expiresAt || m.expiresAt.getTime() > Date.now()),
            )
            .map((m) => [m.targetAccountId, { notifications: m.notifications, expiresAt: m.expiresAt }]),
        );
      },
    }),
    conversations: notFaked('conversations', {
      async addStatus(input) {
        for (const accountId of input.recipientIds)
          s().conversations.push({
            accountId,
            statusId: input.statusId,
            participantIds: input.participantIds.filter((id) => id !== accountId),
          });
      },
      async removeWith(accountId, other) {
        s().conversations = s().conversations.filter(
          (c) => !(c.accountId === accountId && c.participantIds.includes(other)),
        );
      },
    }),
    tags: notFaked('tags', {}),
    search: notFaked('search', {}),
    sessions: notFaked('sessions', {
      async destroyForAccount(accountId, exceptId) {
        for (const x of s().sessions)
          if (x.accountId === accountId && x.id !== exceptId) x.expiresAt = new Date(0);
      },
    }),
    oauth: notFaked('oauth', {
      async revokeAllForAccount(accountId, at) {
        const live = s().oauthTokens.filter((t) => t.accountId === accountId && !t.revokedAt);
        for (const t of live) t.revokedAt = at;
        return live.length;
      },
    }),
    jobs: notFaked('jobs', {
      async enqueue(task, payload, options) {
        s().jobs.push({ task, payload, key: options?.jobKey });
      },
      async enqueueMany(task, jobs) {
        for (const { payload, jobKey } of jobs)
          if (!s().jobs.some((j) => j.key === jobKey)) s().jobs.push({ task, payload, key: jobKey });
      },
      async remove(keys) {
        s().jobs = s().jobs.filter((j) => !j.key || !keys.includes(j.key));
      },
    }),
    stats: notFaked('stats', {}),
    media: notFaked('media', {}),
    reports: notFaked('reports', {}),
    markers: notFaked('markers', {}),
    tagFollows: notFaked('tagFollows', {}),
    lists: notFaked('lists', {}),
    accountDiscovery: notFaked('accountDiscovery', {}),
    rateLimits: notFaked('rateLimits', {
      async add(entries) {
        const now = new Date();
        return entries.map(({ key, windowMs, hits }) => {
          let row = s().rateLimits.find((r) => r.key === key);
          if (!row || row.resetAt <= now) {
            s().rateLimits = s().rateLimits.filter((r) => r.key !== key);
            row = { key, count: 0, resetAt: new Date(now.getTime() + windowMs) };
            s().rateLimits.push(row);
          }
          row.count = Math.max(0, row.count + hits);
          return { ...row };
        });
      },
    }),
  };
}

/** A fake unit of work and the state behind it. */
export function fakeUnitOfWork(): { uow: UnitOfWork; state: () => FakeState } {
  let state = emptyState();
  const read = () => state;
  const repos = repositories(read);
  let depth = 0;
  const uow: UnitOfWork = {
    ...repos,
    async transaction(fn) {
      if (depth > 0) return fn(uow);
      const before = structuredClone(state);
      depth++;
      try {
        return await fn(uow);
      } catch (error) {
        state = before;
        throw error;
      } finally {
        depth--;
      }
    },
  };
  return { uow, state: read };
}

/** The services over a fake unit of work, with the deps every test uses. */
export function fakeServices() {
  const { uow, state } = fakeUnitOfWork();
  const deps: ServiceDeps = {
    uow,
    baseUrl: 'https://micro.example',
    mailer: { send: async () => {} },
    secretKey: 'k'.repeat(32),
    mentionEmailDelaySeconds: 60,
    // Media are tested on PostgreSQL and the real image library; here any use fails loudly.
    storage: notFakedDep('storage'),
    imageHeaders: notFakedDep('imageHeaders'),
    images: notFakedDep('images'),
    loginFailuresPerAccount: 3,
  };
  return { services: createServices(deps), state, uow };
}
