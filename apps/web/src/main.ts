// `npm run start:web`: one web process, configured by the environment. With REUSE_PORT=1 any number
// of them listen on the same PORT and the kernel spreads connections over them (Linux).
import { flushCompileCache } from 'node:module';
import type { FastifyListenOptions } from 'fastify';
import { bootstrap, exitOnStartupError, loadConfigOrExit, releaseMemoryWhenIdle } from '@microposts/runtime';
import { buildApp } from './app.ts';
import { stopOnSignals } from './shutdown.ts';

const config = loadConfigOrExit();
try {
  const app = await bootstrap(config, { name: 'web', cache: true });
  const fastify = await buildApp(app);
  stopOnSignals(fastify, app);
  // reusePort (Node >= 22.12) is passed through to net.Server#listen; Fastify's types do not list it yet.
  await fastify.listen({
    port: config.port,
    host: config.host,
    reusePort: config.reusePort,
  } as FastifyListenOptions);
  app.logger.info({ url: config.publicUrl }, `microposts web is listening; open ${config.publicUrl}`);
  // Node.js writes the compile cache (webProcessEnv) at exit; now, so that a process started after
  // this one (a restart, the next web process) finds every module already stripped.
  flushCompileCache();
  // V8 keeps the pages its collections free; give them back once the process is idle after work.
  releaseMemoryWhenIdle({ onRelease: (ms) => app.logger.debug({ ms }, 'idle: V8 heap memory released') });
} catch (error) {
  exitOnStartupError(error, config);
}
