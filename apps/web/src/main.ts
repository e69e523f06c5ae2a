// `npm run start:web`: one web process, configured by the environment.
import { bootstrap, loadConfigOrExit } from '@microposts/runtime';
import { buildApp } from './app.ts';

const config = loadConfigOrExit();
const app = await bootstrap(config, { name: 'web', cache: true });
const fastify = await buildApp(app);
// Requests still running when a stop signal comes are let finish before the pool closes: fastify.close()
// stops new work but does not wait for handlers that are awaiting the database.
let inFlight = 0;
fastify.addHook('onRequest', (_request, _reply, done) => {
  inFlight++;
  done();
});
fastify.addHook('onResponse', (_request, _reply, done) => {
  inFlight--;
  done();
});
await fastify.listen({ port: config.port, host: config.host });
app.logger.info({ url: config.publicUrl }, `microposts web is listening; open ${config.publicUrl}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await fastify.close();
    for (const deadline = Date.now() + 10_000; inFlight > 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await app.close();
    process.exit(0);
  });
}
