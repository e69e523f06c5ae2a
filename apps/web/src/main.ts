// `npm run start:web`: one web process, configured by the environment.
import { bootstrap, loadConfigOrExit } from '@microposts/runtime';
import { buildApp } from './app.ts';

const config = loadConfigOrExit();
const app = await bootstrap(config, { name: 'web' });
const fastify = await buildApp(app);
await fastify.listen({ port: config.port, host: config.host });
app.logger.info({ url: config.publicUrl }, `microposts web is listening; open ${config.publicUrl}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await fastify.close();
    await app.close();
    process.exit(0);
  });
}
