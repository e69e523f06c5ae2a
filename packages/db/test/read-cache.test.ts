// The read cache's rules, on a change feed driven by the test: what it keeps, what it drops, and the
// race between a load and a change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCache, type ChangeFeed } from '@microposts/db';

function fakeFeed() {
  let version = 1;
  const latest = new Map<string, number>();
  const listeners = new Set<(key: string) => void>();
  const feed: ChangeFeed & { hear(key: string): void; live: boolean } = {
    live: true,
    get version() {
      return version;
    },
    changedSince: (key, since) =>
      (latest.get(key) ?? 0) > since || (latest.get(`${key.slice(0, key.indexOf(':') + 1)}*`) ?? 0) > since,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
    hear(key) {
      version++;
      latest.set(key, version);
      for (const l of listeners) l(key);
    },
  };
  return feed;
}

/** Reads through the cache whose loads are recorded (the value is the key unless given). */
function countingReads(cache: ReturnType<typeof readCache>) {
  const loads: string[] = [];
  const get = (key: string, value = key) =>
    cache.get(key, async () => {
      loads.push(key);
      return value;
    });
  return { loads, get };
}

test('a hit is served without loading; a heard key is loaded again', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.get('s:1', load), 1);
  assert.equal(await cache.get('s:1', load), 1);
  feed.hear('s:1');
  assert.equal(await cache.get('s:1', load), 2);
  feed.hear('s:2'); // another key leaves this one alone
  assert.equal(await cache.get('s:1', load), 2);
});

test('a load that a change overtook is returned but not kept', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  let release!: () => void;
  const slow = cache.get('a:7', () => new Promise<string>((resolve) => (release = () => resolve('old'))));
  await new Promise((resolve) => setImmediate(resolve)); // the load has started
  feed.hear('a:7'); // committed while the read was in flight: what it read may be the old row
  release();
  assert.equal(await slow, 'old');
  assert.equal(await cache.get('a:7', async () => 'new'), 'new', 'the raced value was not kept');
});

test('nothing is served from the cache while the feed cannot hear', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  await cache.get('x:1', async () => 'kept');
  feed.live = false;
  assert.equal(await cache.get('x:1', async () => 'fresh'), 'fresh');
  feed.live = true;
});

test('"*" forgets everything; "n:*" forgets every key of that kind', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  for (const key of ['n:1', 'n:2', 'a:1']) await cache.get(key, async () => 'v1');
  feed.hear('n:*');
  assert.equal(await cache.get('n:1', async () => 'v2'), 'v2');
  assert.equal(await cache.get('n:2', async () => 'v2'), 'v2');
  assert.equal(await cache.get('a:1', async () => 'v2'), 'v1');
  feed.hear('*');
  assert.equal(await cache.get('a:1', async () => 'v3'), 'v3');
});

test('getMany serves hits, loads the misses once, and remembers what does not exist', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  const asked: string[][] = [];
  const load = async (keys: string[]) => {
    asked.push(keys);
    return new Map(keys.filter((k) => k !== 's:404').map((k) => [k, k.toUpperCase()]));
  };
  assert.deepEqual(
    [...(await cache.getMany(['s:1', 's:2', 's:404'], load))],
    [
      ['s:1', 'S:1'],
      ['s:2', 'S:2'],
    ],
  );
  assert.deepEqual([...(await cache.getMany(['s:1', 's:3', 's:404'], load)).keys()], ['s:1', 's:3']);
  assert.deepEqual(asked, [['s:1', 's:2', 's:404'], ['s:3']]);
});

test('settle waits for the barrier; without it, it gives up and forgets everything', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  await cache.get('s:1', async () => 'v1');
  const settled = cache.settle('w:abc', 1000);
  feed.hear('s:1');
  feed.hear('w:abc');
  await settled;
  assert.equal(await cache.get('s:1', async () => 'v2'), 'v2');
  await cache.get('s:5', async () => 'kept');
  await cache.settle('w:never', 20);
  assert.equal(
    await cache.get('s:5', async () => 'reloaded'),
    'reloaded',
    'a missed barrier clears the cache',
  );
});

test('a barrier heard before anyone waits for it settles at once', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  feed.hear('w:early');
  const started = Date.now();
  await cache.settle('w:early', 5000);
  assert.ok(Date.now() - started < 1000);
});

test('a variant (`key|name`) is dropped with its key, and only with it', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  await cache.get('n:7', async () => 'count 1');
  await cache.get('n:7|first', async () => 'page 1');
  await cache.get('n:8|first', async () => 'other page 1');
  feed.hear('n:7');
  assert.equal(await cache.get('n:7', async () => 'count 2'), 'count 2');
  assert.equal(await cache.get('n:7|first', async () => 'page 2'), 'page 2');
  assert.equal(await cache.get('n:8|first', async () => 'other page 2'), 'other page 1');
  feed.hear('n:*');
  assert.equal(await cache.get('n:8|first', async () => 'other page 3'), 'other page 3');
});

test('a variant loaded while its key changed is not kept', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed);
  let release!: () => void;
  const slow = cache.get(
    'h:5|first',
    () => new Promise<string>((resolve) => (release = () => resolve('old'))),
  );
  await new Promise((resolve) => setImmediate(resolve));
  feed.hear('h:5');
  release();
  await slow;
  assert.equal(await cache.get('h:5|first', async () => 'new'), 'new');
});

test('at most `max` entries: the least recently used goes first, and comes back by loading again', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed, 3);
  const { loads, get } = countingReads(cache);
  for (const key of ['a:1', 'a:2', 'a:3']) await get(key);
  await get('a:1'); // used: a:2 is now the least recently used
  await get('a:4');
  assert.equal(cache.stats().size, 3);
  loads.length = 0;
  for (const key of ['a:1', 'a:3', 'a:4']) await get(key);
  assert.deepEqual(loads, []);
  // The evicted entry is loaded again, as it is now; a change heard meanwhile is not missed.
  feed.hear('a:2');
  assert.equal(await get('a:2', 'a:2 changed'), 'a:2 changed');
  assert.deepEqual(loads, ['a:2']);
  assert.equal(cache.stats().size, 3);
  // A variant evicted alone leaves its key's other entries alone; hearing the key still drops them.
  await cache.get('n:7|first', async () => 'page');
  assert.equal(cache.stats().size, 3);
  feed.hear('n:7');
  assert.equal(await cache.get('n:7|first', async () => 'page again'), 'page again');
});

test('when full, the oldest entry not used since eviction last passed it over goes; a used one gets a second chance', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed, 3);
  const { loads, get } = countingReads(cache);
  for (const key of ['a:1', 'a:2', 'a:3']) await get(key);
  await get('a:1'); // used: passed over once (moved behind the others), so a:2 goes
  await get('a:4');
  await get('a:5'); // a:3 was not used: it goes, a:1 stays
  assert.equal(cache.stats().size, 3);
  loads.length = 0;
  for (const key of ['a:1', 'a:4', 'a:5']) await get(key);
  assert.deepEqual(loads, [], 'a:1, a:4 and a:5 were kept');
  // Every entry was used: eviction passes over each once, and the oldest goes, never the one just kept.
  await get('a:2');
  assert.deepEqual(loads, ['a:2'], 'a:2 was evicted');
  loads.length = 0;
  for (const key of ['a:1', 'a:2', 'a:5']) await get(key);
  assert.deepEqual(loads, [], 'the oldest, a:4, went; not a:2');
  await get('a:4');
  assert.deepEqual(loads, ['a:4']);
  assert.equal(cache.stats().size, 3);
  // A value kept and then heard is never served, whatever eviction did meanwhile.
  feed.hear('a:1');
  assert.equal(await cache.get('a:1', async () => 'a:1 changed'), 'a:1 changed');
});

test("under eviction a key only ever answers with its own latest value: no viewer's entry answers another, no heard change is missed", async () => {
  const feed = fakeFeed();
  const cache = readCache(feed, 8);
  // Per-viewer marks of the same statuses (f:<viewer>|<status>), and their announced bases.
  const keys = [1, 2, 3].flatMap((viewer) => [10, 11, 12, 13, 14].map((s) => `f:${viewer}|${s}`));
  const truth = new Map(keys.map((k) => [k, `${k} v0`]));
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let i = 0; i < 3000; i++) {
    const key = keys[next(keys.length)]!;
    if (next(10) === 0) {
      // A change of the viewer's marks: the new truth is announced under the viewer's base key.
      const base = key.slice(0, key.indexOf('|'));
      for (const k of keys) if (k.startsWith(`${base}|`)) truth.set(k, `${k} v${i}`);
      feed.hear(base);
    }
    if (next(100) === 0) feed.hear('*'); // everything forgotten: eviction starts over
    const got =
      next(2) === 0
        ? await cache.get(key, async () => truth.get(key)!)
        : (
            await cache.getMany(
              [key, key],
              async (missing) => new Map(missing.map((k) => [k, truth.get(k)!])),
            )
          ).get(key);
    assert.equal(got, truth.get(key), `read ${i} of ${key}`);
    assert.ok(cache.stats().size <= 8);
  }
  assert.ok(cache.stats().hits > 0, 'the cache served hits');
});

test('a cache of at most 0 entries keeps nothing, and answers every read by loading', async () => {
  const feed = fakeFeed();
  const cache = readCache(feed, 0);
  let loads = 0;
  assert.equal(await cache.get('a:1', async () => ++loads), 1);
  assert.equal(await cache.get('a:1', async () => ++loads), 2);
  assert.deepEqual(
    [...(await cache.getMany(['a:1'], async (keys) => new Map(keys.map((k) => [k, k]))))],
    [['a:1', 'a:1']],
  );
  assert.equal(cache.stats().size, 0);
});
