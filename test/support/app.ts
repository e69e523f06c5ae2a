// An in-process App on a fresh database, for integration tests of services and repositories.
import { after } from 'node:test';
import { bootstrap, loadConfig, type App } from '@microposts/runtime';
import { testDatabase } from './database.ts';
import { TEST_SECRET_KEY } from './secret.ts';

/** Bootstraps the real composition root against a fresh test database. */
export async function testApp(env: Record<string, string> = {}): Promise<App> {
  const url = await testDatabase();
  const config = loadConfig({
    DATABASE_URL: url,
    SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: 'silent',
    MENTION_EMAIL_DELAY: '0',
    PUBLIC_URL: 'http://localhost:3000',
    ...env,
  });
  const app = await bootstrap(config, { name: 'test' });
  after(() => app.close());
  return app;
}
