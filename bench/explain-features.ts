// `node bench/explain-features.ts`: seeds a throw-away embedded PostgreSQL with the bench seeder (the
// full size unless BENCH_* variables say otherwise) and prints EXPLAIN (ANALYZE, BUFFERS) of every
// query the list timeline, the versions page and the filtered home read, next to the reference's
// query for the same page (bench/reference.ts). docs/performance.md records a run.
import { REFERENCE_SQL } from './reference.ts';
import { withExplainDatabase } from './explain-support.ts';
import { seedSizes } from './seed/index.ts';

await withExplainDatabase(
  'microposts-explain-features-',
  seedSizes(),
  async ({ repos, captured, explain, fixtures }) => {
    const { light, filtered } = fixtures.named;
    const through = async (title: string, run: () => Promise<unknown>) => {
      captured.length = 0;
      const t = performance.now();
      await run();
      console.log(
        `\n## ${title}: ${(performance.now() - t).toFixed(1)} ms, ${captured.length} queries (through the repositories, no cache)`,
      );
      for (const [i, q] of captured.entries()) await explain(`${title}, query ${i + 1}`, q, 3);
    };
    const list = (await repos.lists.find(light.id, fixtures.list.id))!;
    await through('list timeline, first page', () => repos.lists.timeline(list, { limit: 20 }));
    const first = await repos.lists.timeline(list, { limit: 20 });
    await through('list timeline, next page', () =>
      repos.lists.timeline(list, { limit: 20, maxId: first.at(-1)!.id }),
    );
    await through('status versions', () => repos.statusEdits.versions(fixtures.history.id));
    await through("the filtered account's active filters", () => repos.filters.active(filtered.id));

    for (const [title, sql, params] of [
      ['reference: list', REFERENCE_SQL.list, [fixtures.list.id, light.id]],
      ['reference: versions', REFERENCE_SQL.history, [fixtures.history.id]],
      ['reference: filtered home', REFERENCE_SQL.homeFiltered, [filtered.id]],
    ] as const)
      await explain(title, { sql, parameters: params }, 3);
  },
);
