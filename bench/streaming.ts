// The streaming API's fan-out latency for `npm run bench`: many WebSockets open on the web processes
// (spread over them, as nginx would), all subscribed to `public`; statuses are posted one at a time
// through the API, and every socket notes when each one's `update` arrives. Latency = the POST sent →
// the event received, over every (status, socket) pair. The sockets live in this process, which
// shares the machine's cores with the web processes and PostgreSQL: the figure includes the time it
// takes this process to read 1,000 sockets' messages.
import WebSocket from 'ws';

export interface StreamingOptions {
  bases: string[];
  /** Bearer tokens of the subscribers (used in turn: one read per event and viewer per process). */
  tokens: string[];
  /** Bearer token of the posting account. */
  posterToken: string;
  sockets: number;
  posts: number;
}

export interface StreamingResult {
  sockets: number;
  viewers: number;
  posts: number;
  /** Events received of posts × sockets expected. */
  received: number;
  expected: number;
  p50: number;
  p95: number;
  max: number;
}

export async function measureStreaming(o: StreamingOptions): Promise<StreamingResult> {
  const sent = new Map<string, number>(); // marker -> time the POST was sent
  const latencies: number[] = [];
  const sockets: WebSocket[] = [];
  let pending = 0;
  const opened = Array.from({ length: o.sockets }, async (_, i) => {
    const base = o.bases[i % o.bases.length]!.replace(/^http/, 'ws');
    const ws = new WebSocket(`${base}/api/v1/streaming?stream=public`, o.tokens[i % o.tokens.length]!);
    sockets.push(ws);
    ws.on('message', (data) => {
      const text = String(data);
      const marker = /bench-stream-\d+/.exec(text)?.[0];
      const at = marker ? sent.get(marker) : undefined;
      if (at !== undefined) {
        latencies.push(performance.now() - at);
        pending--;
      }
    });
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  });
  await Promise.all(opened);
  // A socket subscribed through its address is subscribed once it is open (the server subscribes it
  // before answering the upgrade).
  for (let n = 0; n < o.posts; n++) {
    const marker = `bench-stream-${n}`;
    pending += o.sockets;
    sent.set(marker, performance.now());
    const res = await fetch(`${o.bases[n % o.bases.length]}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${o.posterToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: `Streaming ${marker}` }),
    });
    if (!res.ok) throw new Error(`posting for the streaming measure answered ${res.status}`);
    // One status at a time: the next is posted once every socket has this one (or after 10 s).
    const deadline = performance.now() + 10_000;
    while (pending > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    pending = 0;
  }
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    sockets: o.sockets,
    viewers: new Set(o.tokens).size,
    posts: o.posts,
    received: latencies.length,
    expected: o.sockets * o.posts,
    p50: at(0.5),
    p95: at(0.95),
    max: latencies.at(-1) ?? NaN,
  };
}
