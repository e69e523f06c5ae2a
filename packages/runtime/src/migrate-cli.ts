// `npm run migrate`: applies pending migrations to the configured database.
import { connect, migrate } from '@microposts/db';
import { loadConfigOrExit } from './config.ts';
import { resolveDatabase } from './database.ts';
import { exitOnStartupError } from './startup-errors.ts';

const config = loadConfigOrExit();
let stopEmbedded: (() => Promise<void>) | undefined;
try {
  const { url, embedded } = await resolveDatabase(config);
  stopEmbedded = embedded ? () => embedded.stop() : undefined;
  const db = connect(url);
  try {
    const results = await migrate(db);
    for (const r of results)
      console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
    if (results.length === 0) console.log('Database is up to date.');
  } finally {
    await db.destroy();
  }
} catch (error) {
  await stopEmbedded?.();
  exitOnStartupError(error, config);
}
await stopEmbedded?.();
