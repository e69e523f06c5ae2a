// An in-process App (the real composition root) for integration tests of services and repositories,
// and for setting up data next to a spawned web or worker process.
import { bootstrap, loadConfig, type App } from '@microposts/runtime';
import { testDatabase } from './database.ts';
import { TEST_SECRET_KEY } from './secret.ts';
import { onTeardown } from './teardown.ts';

/** Bootstraps the composition root against a fresh test database (migrated from the template). */
export async function testApp(env: Record<string, string> = {}): Promise<App> {
  return appOn(await testDatabase(), env);
}

/**
 * An App on an existing database, e.g. the one a spawned web process uses, or a second configuration;
 * with `cache`, its reads go through a read cache kept by the change feed, as in a web process.
 */
export async function appOn(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { cache?: boolean } = {},
): Promise<App> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: 'silent',
    MENTION_EMAIL_DELAY: '0',
    PUBLIC_URL: 'http://localhost:3000',
    ...env,
  });
  const app = await bootstrap(config, { name: 'test', migrate: false, cache: options.cache === true });
  onTeardown('close an App', () => app.close());
  return app;
}
