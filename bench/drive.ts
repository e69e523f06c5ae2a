// Drives one endpoint with autocannon: a short warm-up, then the measured run, on 127.0.0.1 only.
// With several base URLs (several processes on several ports) autocannon spreads its connections
// over them, so the figures are those of the whole group.
import autocannon from 'autocannon';
import type { Endpoint } from './scenarios.ts';

export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  total: number;
  /**
   * CPU ms per request of the driven processes and of PostgreSQL, when a probe was given, and of
   * the load generator (autocannon runs in this process, which does nothing else meanwhile).
   */
  cpuPerRequest?: { app: number; postgres: number; loadGenerator: number };
}

/** Reads CPU time so far (ms) of the driven processes and of PostgreSQL, around the measured run. */
export type CpuProbe = () => { app: number; postgres: number };

export interface DriveOptions {
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

// Per endpoint: the next request number, so a warm-up's writes are not repeated by the run.
const counters = new WeakMap<Endpoint, { n: number }>();

export async function drive(
  bases: string[],
  endpoint: Endpoint,
  o: DriveOptions,
  cpu?: CpuProbe,
): Promise<Measured> {
  if (o.warmupSeconds > 0) await run(bases, endpoint, o.warmupSeconds, o.connections);
  const before = cpu?.();
  const own = process.cpuUsage();
  const measured = await run(bases, endpoint, o.seconds, o.connections);
  const ownUsed = process.cpuUsage(own);
  if (!cpu || !before || measured.total === 0) return measured;
  // CPU time per request is steadier than requests per second on a machine shared with other work.
  const after = cpu();
  return {
    ...measured,
    cpuPerRequest: {
      app: (after.app - before.app) / measured.total,
      postgres: (after.postgres - before.postgres) / measured.total,
      loadGenerator: (ownUsed.user + ownUsed.system) / 1000 / measured.total,
    },
  };
}

async function run(
  bases: string[],
  endpoint: Endpoint,
  seconds: number,
  connections: number,
): Promise<Measured> {
  for (const base of bases)
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`not loopback: ${base}`);
  let counter = counters.get(endpoint);
  if (!counter) counters.set(endpoint, (counter = { n: 0 }));
  const state = counter;
  const vary = endpoint.vary;
  const result = await autocannon({
    // A list of URLs is supported (see autocannon's README); its type declarations say string only.
    url: bases.map((b) => b + endpoint.path) as unknown as string,
    connections: Math.max(connections, bases.length),
    duration: seconds,
    method: endpoint.method,
    headers: endpoint.headers ?? {},
    requests: [
      {
        method: endpoint.method,
        path: endpoint.path,
        ...(vary
          ? {
              setupRequest: (req) => {
                const v = vary(state.n++);
                return {
                  ...req,
                  ...(v.path ? { path: v.path } : {}),
                  ...(v.body ? { body: v.body } : {}),
                  ...(v.headers ? { headers: { ...req.headers, ...v.headers } } : {}),
                };
              },
            }
          : {}),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}
