// The reads every request makes before its page's own query — who is this session, whose is this
// token, who is this account, how many unread notifications — served from the read cache. Each
// key is one of what the triggers of migration 0008 announce, so any write that changes what a
// cached value shows drops it on every process. Per-person values are keyed by that person's own
// session, token or account id: one person's entry can only answer that person's requests.
import type { Repositories } from '@microposts/core';
import type { ReadCache } from './read-cache.ts';

/** The repositories with their hot reads going through the cache; writes are untouched. */
export function cachedReads(repos: Repositories, cache: ReadCache): Repositories {
  const { accounts, sessions, oauth, tags, filters, statusEdits, lists } = repos;
  return {
    ...repos,
    accounts: {
      ...accounts,
      findById: (id) => cache.get(`a:${id}`, () => accounts.findById(id)),
      async findMentionable(usernames) {
        // The accounts with these names (u:<name> -> id, absent when none has it), then each
        // account from its a:<id> entry, leaving out the suspended ones.
        const names = [...new Set(usernames.map((u) => u.toLowerCase()))];
        if (names.length === 0) return [];
        const ids = await cache.getMany(
          names.map((n) => `u:${n}`),
          async (missing) => {
            const found = await accounts.idsByUsername(missing.map((k) => k.slice(2)));
            return new Map([...found].map(([name, id]) => [`u:${name}`, id]));
          },
        );
        const found = await Promise.all(
          [...ids.values()].map((id) => cache.get(`a:${id}`, () => accounts.findById(id))),
        );
        return found.flatMap((a) => {
          if (!a || a.suspendedAt) return [];
          const { email: _e, emailConfirmedAt: _c, mentionEmails: _m, suspendedAt: _s, ...shown } = a;
          return [shown];
        });
      },
      async findByUsername(username) {
        // The name → id link (u:<name> is announced when an account with that name comes or goes);
        // the account itself comes from its a:<id> entry.
        const key = `u:${username.toLowerCase()}`;
        const id = await cache.get(key, async () => (await accounts.findByUsername(username))?.id ?? null);
        return id === null ? null : cache.get(`a:${id}`, () => accounts.findById(id));
      },
    },
    sessions: {
      ...sessions,
      async get(id) {
        const record = await cache.get(`x:${id}`, () => sessions.get(id));
        // An entry outlives the moment its session expires; expiry is checked on every read.
        return record && record.expiresAt.getTime() > Date.now() ? record : null;
      },
    },
    oauth: {
      ...oauth,
      findLiveToken: (hash) => cache.get(`k:${hash}`, () => oauth.findLiveToken(hash)),
    },
    tags: {
      ...tags,
      // g:<name> is announced when a tag of that name is made
      findByName: (name) => cache.get(`g:${name}`, () => tags.findByName(name)),
    },
    filters: {
      ...filters,
      // cf:<account> is announced whenever the account's filters change; a filter that runs out needs
      // no announcement: each use checks its end (rules/filter-rules.ts filterActive).
      active: (accountId) => cache.get(`cf:${accountId}`, () => filters.active(accountId)),
    },
    statusEdits: {
      ...statusEdits,
      // A status's earlier versions change only with the status: an edit writes the version it
      // replaces and updates the status in one transaction, and the versions go with the status. Both
      // announce s:<id>, which drops s:<id>|versions.
      versions: (statusId) => cache.get(`s:${statusId}|versions`, () => statusEdits.versions(statusId)),
    },
    lists: {
      ...lists,
      // One of the owner's lists, under the owner's own key: h:<owner> is announced when a list of
      // theirs is changed or deleted (migration 0022). Only a list found is kept: making one is not
      // announced, so "no such list" is always asked again.
      find: (accountId, listId) =>
        cache.get(
          `h:${accountId}|list${listId}`,
          () => lists.find(accountId, listId),
          (found) => found !== null,
        ),
    },
    // (the unread count is cached by the notification repository itself: it depends on mutes that run out)
  };
}
