// Mastodon.py (Debian's python3-mastodon), a client in another language than masto.js and megalodon,
// against the real web process: it registers an app, the person approves it on the real authorize page
// (with the force_login=False the library sends), it exchanges the code, then drives the everyday
// features through test/clients/mastodon_py_flow.py, which prints what the tests below assert on.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { decideOnAuthorizePage } from '../support/api-authorize.ts';
import { apiFetch } from '../support/api-fetch.ts';
import { testDatabase } from '../support/database.ts';
import { fixtures, loggedIn } from '../support/fixtures.ts';
import { startWeb } from '../support/processes.ts';
import { DEADLINE_MS } from '../support/wait.ts';

const SCRIPT = path.join(import.meta.dirname, 'mastodon_py_flow.py');
const REDIRECT = 'https://mastodonpy.example/callback';
const TAG = 'pyflow';
// Above 2^53: JSON.parse would round it to …040.
const MARKER = '117706958970291038';

/** The first python3 that can import Mastodon.py (Debian installs it for /usr/bin/python3), or null. */
function pythonWithMastodon(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import mastodon'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}

const python = pythonWithMastodon();
const onCi = Boolean(process.env.CI) && process.env.CI !== 'false';

if (!python) {
  // A developer machine without the package skips; CI must have it (.ci/run installs it).
  test(
    'Mastodon.py is installed',
    {
      skip: onCi
        ? false
        : 'python3-mastodon is missing (apt-get install python3-mastodon); Mastodon.py tests skipped',
    },
    () => assert.fail('python3-mastodon is missing: .ci/run installs it (apt-get install python3-mastodon)'),
  );
} else {
  const databaseUrl = await testDatabase();
  const web = await startWeb(databaseUrl);
  const f = fixtures(databaseUrl);

  const run = async <T>(args: Record<string, string>): Promise<T> => {
    const { stdout } = await promisify(execFile)(python, [SCRIPT, JSON.stringify(args)], {
      timeout: DEADLINE_MS,
    });
    return JSON.parse(stdout) as T;
  };

  // The people: the client's user, a friend who follows and mentions them, another who mentions them.
  const py = await f.account({ username: 'pyuser' });
  const friend = await f.account({ username: 'friend' });
  const other = await f.account({ username: 'other' });
  await f.follow(friend, py);
  await f.follow(other, friend);
  const tagged = [await f.status(friend, `Hello @pyuser #${TAG}`)];
  for (let i = 2; i <= 5; i++) tagged.push(await f.status(friend, `Number ${i} #${TAG}`));
  await f.status(other, '@pyuser hi from the other one');
  // Polls: another's poll for the Python client to vote in.
  const otherPoll = await apiFetch<{ id: string }>(web.url, 'POST', '/api/v1/statuses', {
    token: (await f.token(other)).token,
    json: { status: 'Left or right?', poll: { options: ['Left', 'Right'], expires_in: 3600 } },
  });

  type Section = Record<string, unknown> & { error?: string; trace?: string };
  let out: Record<string, Section> & { token?: unknown };

  /** A section of the flow's output; a section where the library raised fails with its traceback. */
  const section = <T>(name: string): T => {
    const value = out[name];
    assert.ok(value !== undefined, `the flow printed no "${name}"`);
    if (value && typeof value === 'object' && 'error' in value)
      assert.fail(`Mastodon.py raised in "${name}": ${value.error}\n${value.trace}`);
    return value as T;
  };

  test('registers, is approved on the authorize page (force_login=False) and runs the flow', async () => {
    const app = await run<{ client_id: string; client_secret: string; authorize_url: string }>({
      step: 'register',
      base: web.url,
      redirect: REDIRECT,
    });
    const authorize = new URL(app.authorize_url);
    assert.equal(authorize.origin + authorize.pathname, `${web.url}/oauth/authorize`);
    assert.equal(authorize.searchParams.get('force_login'), 'False');
    // Logged in on the site: force_login=False must not log the person out; Approve redirects with a code.
    const site = await loggedIn(web.url, py);
    const approved = await decideOnAuthorizePage(site, app.authorize_url);
    assert.equal(approved.status, 303);
    const back = new URL(approved.location!);
    assert.equal(back.origin + back.pathname, REDIRECT);
    assert.equal(back.searchParams.get('state'), 'py-state');
    out = await run({
      step: 'flow',
      base: web.url,
      redirect: REDIRECT,
      client_id: app.client_id,
      client_secret: app.client_secret,
      code: back.searchParams.get('code')!,
      friend_id: friend.id,
      other_id: other.id,
      friend_status_id: tagged[0]!.id,
      tag: TAG,
      marker_id: MARKER,
      other_poll_id: otherPoll.body.id,
    });
    assert.equal(typeof out.token, 'string');
  });

  test('verify_credentials: the account, its role and source.indexable; the version it parsed', () => {
    assert.deepEqual(section('me'), {
      id: py.id,
      username: 'pyuser',
      role: '',
      indexable: true,
      version: '4.3.0',
    });
  });

  test('status_post with visibility and language; a reply by in_reply_to_id (a Python int)', () => {
    const post = section<Record<string, unknown>>('post');
    assert.equal(post.visibility, 'private');
    assert.equal(post.language, 'de');
    assert.equal(post.in_reply_to_id, tagged[0]!.id);
    assert.equal(post.in_reply_to_account_id, friend.id);
    assert.deepEqual(post.ancestors, [tagged[0]!.id]);
  });

  test('status_update edits the reply', () => {
    const edit = section<{ content: string; edited: boolean }>('edit');
    assert.match(edit.content, /an edited reply from Python<\/p>$/);
    assert.equal(edit.edited, true);
  });

  test('status_history, status_source, status_pin and status_unpin, account_statuses(pinned=True)', () => {
    const post = section<{ id: string; reply_id: string }>('post');
    assert.deepEqual(section('history_pins'), {
      history: [
        `<p><span class="h-card"><a href="${web.url}/@friend" class="u-url mention">@<span>friend</span></a></span> a reply from Python</p>`,
        `<p><span class="h-card"><a href="${web.url}/@friend" class="u-url mention">@<span>friend</span></a></span> an edited reply from Python</p>`,
      ],
      dated: true,
      source: [post.reply_id, '@friend an edited reply from Python', ''],
      pinned: true,
      listed: [post.id],
      unpinned: false,
      after: [],
      refused: [422, "Validation failed: Someone else's post cannot be pinned"],
    });
  });

  test('update_credentials, lookup, lists, featured tags, statuses, preferences, instance', () => {
    assert.deepEqual(section('profile'), {
      display_name: 'Py Thon',
      note: 'Written by Mastodon.py',
      lookup: friend.id,
      lists: [],
      featured_tags: [],
      statuses: 5,
      preferences: 'public',
      instance: new URL(web.url).host,
    });
  });

  test('favourite, favourited_by, unfavourite', () => {
    assert.deepEqual(section('favourite'), { on: [true, 1], by: ['pyuser'], off: [false, 0] });
  });

  test('status_reblog (with visibility), status_reblogged_by, exclude_reblogs, status_unreblog', () => {
    const friendStatus = tagged[0]!.id;
    assert.deepEqual(section('reblog'), {
      wrapper: ['unlisted', friendStatus, true, 1],
      same: true,
      by: ['pyuser'],
      profile: [true, false],
      off: [friendStatus, false, 0],
    });
  });

  test('follow, following, relationships, familiar followers (ids in a JSON body on a GET), unfollow', () => {
    assert.deepEqual(section('follow'), {
      on: true,
      following: ['friend'],
      relationship: true,
      familiar: [[py.id, ['friend']]],
      off: false,
    });
  });

  test('lists: list_create, list_update, list_accounts_add, list_accounts, timeline_list, account_lists, list_delete', () => {
    assert.deepEqual(section('lists'), {
      made: ['Python friends', 'list', false],
      renamed: 'Py friends',
      members: ['friend'],
      timeline_has_friend_status: true,
      timeline_authors: ['friend'],
      holding: ['Py friends'],
      lists: ['Py friends'],
      emptied: 0,
      gone: true,
    });
  });

  test('account_search by prefix', () => {
    assert.deepEqual(section('account_search'), ['friend']);
  });

  test('notifications, and only those of one account with account_id', () => {
    assert.deepEqual(section('notifications'), {
      all: [friend.id, friend.id, other.id].sort(),
      types: ['follow', 'mention'],
      friend: [friend.id, friend.id],
    });
  });

  test('markers_set with an id beyond 2^53 (sent as a JSON number) keeps every digit', async () => {
    const markers = section<{ saved: string; read: string; version: number }>('markers');
    assert.equal(markers.saved, MARKER);
    assert.equal(markers.read, MARKER);
    const raw = await apiFetch<{ notifications: { last_read_id: string } }>(
      web.url,
      'GET',
      '/api/v1/markers?timeline[]=notifications',
      { token: out.token as string },
    );
    assert.equal(raw.body.notifications.last_read_id, MARKER);
  });

  test('block, blocks, unblock', () => {
    assert.deepEqual(section('block'), { on: true, listed: [other.id], off: false });
  });

  test('mute without notifications for an hour, mutes, unmute', () => {
    assert.deepEqual(section('mute'), { on: [true, false], listed: [other.id], expires: true, off: false });
  });

  test('a direct status makes a conversation; conversations_read', () => {
    const conversations = section<Record<string, unknown>>('conversations');
    assert.equal(conversations.visibility, 'direct');
    assert.deepEqual(conversations.last_status, [conversations.direct]);
    assert.deepEqual(conversations.accounts, [['friend']]);
    assert.equal(conversations.read_unread, false);
  });

  test('directory and suggestions', () => {
    assert.deepEqual(section<string[]>('directory').sort(), ['friend', 'other', 'pyuser']);
    const suggested = section<string[]>('suggestions');
    assert.ok(suggested.includes('friend'), `friend (followed by other) suggested: ${suggested.join(', ')}`);
    assert.ok(!suggested.includes('pyuser'));
  });

  test('follow and unfollow a hashtag; followed_tags', () => {
    assert.deepEqual(section('tags'), { on: true, followed: [TAG], off: false });
  });

  test('timeline_hashtag paged with fetch_next (Link headers) to the end', () => {
    const pages = section<string[][]>('paging');
    assert.deepEqual(
      pages.map((p) => p.length),
      [2, 2, 1],
    );
    assert.deepEqual(pages.flat(), tagged.map((s) => s.id).reverse());
  });

  test('timeline_home paged back and forth with fetch_next and fetch_previous', () => {
    const home = section<{ first: string[]; older: string[]; newer: string[] }>('home');
    assert.equal(home.first.length, 1);
    assert.equal(home.older.length, 1);
    assert.ok(BigInt(home.older[0]!) < BigInt(home.first[0]!));
    assert.deepEqual(home.newer, home.first);
  });

  test('notifications_dismiss; suggestion_delete', () => {
    // Blocking `other` removed its notification, as Mastodon's AfterBlockService does.
    assert.deepEqual(section('dismiss'), { before: [friend.id, friend.id], after: 1, suggested: ['other'] });
  });

  test('search_v2: hashtags, statuses, accounts', () => {
    const search = section<{ hashtags: string[]; statuses: number; accounts: string[] }>('search');
    assert.deepEqual(search.hashtags, [TAG]);
    assert.equal(search.statuses, 5);
    assert.deepEqual(search.accounts, ['friend']);
  });

  test('filters v2 through the request method: made, listed (v2 and v1), a hidden status, deleted', () => {
    assert.deepEqual(section('filters'), {
      made: {
        title: 'No broccoli',
        context: ['home', 'public'],
        action: 'hide',
        keywords: [['broccoli', true]],
      },
      listed: ['No broccoli'],
      v1: [['broccoli', true, ['home', 'public']]],
      hidden: true,
      after: 0,
      back: true,
    });
  });

  test('status_delete answers the source text; the status is then 404', () => {
    assert.deepEqual(section('delete'), { text: 'Ein kurzer Gruß nur für meine Folgenden', gone: true });
  });

  test('polls: status_post with make_poll, poll_vote, poll; a vote in your own poll is refused', () => {
    const poll = section<{
      posted: { id: string; status_id: string; options: string[]; multiple: boolean; expired: boolean };
      voted: { voted: boolean; own_votes: number[]; votes_count: number };
      again: { own_votes: number[]; counts: number[] };
      own: string;
    }>('poll');
    assert.deepEqual(poll.posted, {
      id: poll.posted.status_id,
      status_id: poll.posted.status_id,
      options: ['Tea', 'Coffee', 'Water'],
      multiple: true,
      expired: false,
    });
    assert.deepEqual(poll.voted, { voted: true, own_votes: [1], votes_count: 1 });
    assert.deepEqual(poll.again, { own_votes: [1], counts: [0, 1] });
    assert.equal(poll.own, 'Validation failed: You cannot vote in your own polls');
  });
}
