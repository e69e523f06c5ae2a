export { connect, type Db } from './connection.ts';
export { migrate } from './migrate.ts';
export { unitOfWork, repositories } from './unit-of-work.ts';
export { startEmbeddedPostgres, freePort, type EmbeddedServer } from './embedded.ts';
export type { Database } from './schema.ts';
