// `node bench/read-cache-cost.ts [entries]`: CPU the read cache itself spends per hit and per miss,
// full at READ_CACHE_ENTRIES' default (10,000) or the given size, on a change feed that never
// speaks. Each round reads 100 kept keys (a page's statuses, authors and the viewer's marks), then
// 0, 20 or 200 new ones (each evicts one). To compare builds, run it in each checkout.
import { readCache, type ChangeFeed } from '@microposts/db';

const max = Number(process.argv[2] ?? 10_000);
const feed: ChangeFeed = {
  live: true,
  version: 1,
  changedSince: () => false,
  subscribe: () => () => {},
  close: async () => {},
};
const cache = readCache(feed, max);
let n = 0;
const fresh = () => `s:${117708104046904991n + BigInt(n++)}`;
const load = async (keys: string[]) => new Map(keys.map((k) => [k, { k }]));
for (let i = 0; i < max; i++) await cache.getMany([fresh()], load);
// Keys made afresh for each read, as a request makes them.
const viewer = '117278763909121670';
const hot = Array.from({ length: 100 }, (_, i) => String(117708104046904991n + BigInt(i)));
const hotKeys = () => hot.map((id) => `f:${viewer}|${id}`);
await cache.getMany(hotKeys(), load);
for (const misses of [0, 20, 200, 0]) {
  const rounds = 300;
  const before = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    await cache.getMany(hotKeys(), load);
    if (misses) await cache.getMany(Array.from({ length: misses }, fresh), load);
  }
  const used = process.cpuUsage(before);
  const us = (used.user + used.system) / rounds;
  console.log(`${max} entries, 100 hits + ${misses} misses: ${us.toFixed(0)} µs per round`);
}
