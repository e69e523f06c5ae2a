// Holding a stopped PostgreSQL's port for the length of an outage test. Tests run side by side, and
// another one's embedded PostgreSQL could otherwise be given the freed port by the kernel: the
// processes under test would then reconnect to a stranger's database (we saw a 200 and a 500 where
// only 503s belong). The holder drops every connection at once, as a stopped server's are refused.
import net from 'node:net';
import { waitFor } from './wait.ts';

export interface HeldPort {
  release(): Promise<void>;
}

/** Takes 127.0.0.1:port as soon as it is free (the stopping server releases it). */
export async function holdPort(port: number): Promise<HeldPort> {
  const server = await waitFor(
    () =>
      new Promise<net.Server | null>((resolve) => {
        const s = net.createServer((socket) => socket.destroy());
        s.once('error', () => resolve(null));
        s.listen(port, '127.0.0.1', () => resolve(s));
      }),
    `port ${port} to be free`,
  );
  return { release: () => new Promise((resolve) => server.close(() => resolve())) };
}
