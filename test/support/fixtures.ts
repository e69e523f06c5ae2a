// The one factory for what tests need to exist: accounts, statuses, follows, favourites, OAuth apps and
// tokens. Accounts are rows (hashing a password per account would dominate a run; every account gets
// one hash of its password, computed once per process, so it can log in); the rest goes through the
// real services, so mentions, tags, notifications and e-mail jobs are written as in production.
// Works on an in-process App (testApp()) or on the database URL a spawned web process uses.
import { sql } from 'kysely';
import { hashPassword, type Status } from '@microposts/core';
import type { Db } from '@microposts/db';
import type { App } from '@microposts/runtime';
import { appOn } from './app.ts';
import { SiteClient } from './site-client.ts';

/** Every fixture account's password unless one is given. */
export const PASSWORD = 'correct horse battery';

export interface TestAccount {
  id: string;
  username: string;
  email: string;
  password: string;
}

export interface AccountOptions {
  /** Default: a new unique name (person1, person2, …). */
  username?: string;
  /** Default: <username>@example.com. */
  email?: string;
  /** Default: PASSWORD. */
  password?: string;
  /** Has confirmed the e-mail address (default true). */
  confirmed?: boolean;
  /** Wants mention e-mails (default true). */
  mentionEmails?: boolean;
  /** Suspended by an operator (at createdAt, or now). */
  suspended?: boolean;
  displayName?: string;
  createdAt?: Date;
}

export interface TestOAuthApp {
  id: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TestToken {
  /** The bearer token. */
  token: string;
  /** `{ authorization: 'Bearer …' }`, ready to spread into fetch headers. */
  headers: { authorization: string };
  appId: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** null for an app-only (client_credentials) token. */
  accountId: string | null;
  scopes: string[];
}

export interface TokenOptions {
  /** Reuse an app made earlier instead of registering one. */
  app?: Omit<TestOAuthApp, 'id'>;
  appName?: string;
  /** The app's registered scopes (default: the token's). */
  appScopes?: string | string[];
  redirectUri?: string;
}

type Ref = { id: string } | string;
const idOf = (ref: Ref) => (typeof ref === 'string' ? ref : ref.id);
const spaced = (s: string | string[]) => (Array.isArray(s) ? s.join(' ') : s);

let made = 0;
const hashes = new Map<string, Promise<string>>();

/** Inserts an account row; for seeds that only have a Kysely handle (fixtures(app).account() is the same). */
export async function insertAccount(db: Db, options: AccountOptions = {}): Promise<TestAccount> {
  const username = options.username ?? `person${++made}`;
  const email = options.email ?? `${username}@example.com`;
  const password = options.password ?? PASSWORD;
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  const createdAt = options.createdAt ?? new Date();
  const { rows } = await sql<{ id: string }>`
    INSERT INTO accounts (username, email, password_hash, display_name, email_confirmed_at, mention_emails,
                          suspended_at, created_at)
    VALUES (${username}, ${email}, ${await hash}, ${options.displayName ?? ''},
            ${options.confirmed === false ? null : createdAt}, ${options.mentionEmails ?? true},
            ${options.suspended ? createdAt : null}, ${createdAt})
    RETURNING id::text`.execute(db);
  return { id: rows[0]!.id, username, email, password };
}

// One App per database URL for the whole file (closed when it ends); the web process did the migrations.
const apps = new Map<string, Promise<App>>();
function appFor(target: App | string): Promise<App> {
  if (typeof target !== 'string') return Promise.resolve(target);
  let app = apps.get(target);
  if (!app) apps.set(target, (app = appOn(target)));
  return app;
}

export interface Fixtures {
  account(options?: AccountOptions): Promise<TestAccount>;
  /** Several accounts by name, with the same options; their ids by username. */
  accounts(
    usernames: string[],
    options?: Omit<AccountOptions, 'username' | 'email'>,
  ): Promise<Record<string, string>>;
  /** Posts through the statuses service, so mentions, tags and notifications are written too. */
  status(
    author: Ref,
    text?: string,
    options?: { inReplyTo?: Ref; visibility?: 'public' | 'unlisted' },
  ): Promise<Status>;
  follow(follower: Ref, target: Ref): Promise<void>;
  favourite(account: Ref, status: Ref): Promise<void>;
  /** Registers an OAuth app (client). */
  oauthApp(options?: {
    name?: string;
    scopes?: string | string[];
    redirectUri?: string;
    website?: string;
  }): Promise<TestOAuthApp>;
  /**
   * A bearer token for the account (authorization code flow, as the authorize page would issue it), or an
   * app-only token (client credentials) for null. Scopes default to `read write follow push`.
   */
  token(account: Ref | null, scopes?: string | string[], options?: TokenOptions): Promise<TestToken>;
}

/** The factory on an in-process App, or on the database a spawned web process uses. */
export function fixtures(target: App | string): Fixtures {
  let statuses = 0;
  const f: Fixtures = {
    async account(options = {}) {
      return insertAccount((await appFor(target)).db, options);
    },
    async accounts(usernames, options = {}) {
      const made = await Promise.all(usernames.map((username) => f.account({ ...options, username })));
      return Object.fromEntries(made.map((a) => [a.username, a.id]));
    },
    async status(author, text, options = {}) {
      const { services } = await appFor(target);
      return services.statuses.create({
        actorId: idOf(author),
        text: text ?? `Status number ${++statuses}`,
        visibility: options.visibility,
        inReplyToId: options.inReplyTo ? idOf(options.inReplyTo) : undefined,
      });
    },
    async follow(follower, followed) {
      const { services } = await appFor(target);
      await services.follows.follow({ actorId: idOf(follower), targetId: idOf(followed) });
    },
    async favourite(account, status) {
      const { services } = await appFor(target);
      await services.favourites.favourite({ actorId: idOf(account), statusId: idOf(status) });
    },
    async oauthApp(options = {}) {
      const { services } = await appFor(target);
      const redirectUri = options.redirectUri ?? 'https://client.example/callback';
      const { app, clientSecret } = await services.oauth.registerApp({
        clientName: options.name ?? 'Test client',
        redirectUris: redirectUri,
        scopes: spaced(options.scopes ?? 'read write follow push'),
        website: options.website,
      });
      return { id: app.id, clientId: app.clientId, clientSecret, redirectUri };
    },
    async token(account, scopes = 'read write follow push', options = {}) {
      const { services } = await appFor(target);
      const { oauth } = services;
      const scope = spaced(scopes);
      const client =
        options.app ??
        (await f.oauthApp({
          name: options.appName,
          scopes: options.appScopes ?? scope,
          redirectUri: options.redirectUri,
        }));
      const credentials = { clientId: client.clientId, clientSecret: client.clientSecret };
      let result;
      if (account) {
        const request = await oauth.validateAuthorization({
          clientId: client.clientId,
          redirectUri: client.redirectUri,
          responseType: 'code',
          scope,
        });
        const code = await oauth.authorize({ accountId: idOf(account), request });
        result = await oauth.exchangeCode({ ...credentials, code, redirectUri: client.redirectUri });
      } else {
        result = await oauth.clientCredentials({ ...credentials, scope });
      }
      const found = await oauth.verifyAccessToken(result.accessToken);
      return {
        token: result.accessToken,
        headers: { authorization: `Bearer ${result.accessToken}` },
        appId: found!.appId,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUri: client.redirectUri,
        accountId: account ? idOf(account) : null,
        scopes: result.scopes,
      };
    },
  };
  return f;
}

// What a page says, without its markup (for an error message).
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 800);

/** A website client logged in as the account through the real log-in form. */
export async function loggedIn(
  baseUrl: string,
  account: { username: string; password: string },
): Promise<SiteClient> {
  const site = new SiteClient(baseUrl);
  const page = await site.login(account.username, account.password);
  if (page.status !== 303)
    throw new Error(`log-in as ${account.username} answered ${page.status}: ${textOf(page.html)}`);
  return site;
}
