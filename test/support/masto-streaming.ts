// What the streaming tests share: every event a masto.js subscription yields, recorded as it
// arrives, and sockets closed when each test ends (before the processes stop at the end of the file).
import { afterEach } from 'node:test';
import type { mastodon } from 'masto';

export interface Received {
  stream: string[];
  event: string;
  payload: unknown;
}

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** Closes the client when the current test ends. */
export function closeAfterTest(close: () => void): void {
  closers.push(close);
}

/** Everything a masto.js subscription yields, as it arrives. */
export function record(subscription: AsyncIterable<mastodon.streaming.Event>): Received[] {
  const events: Received[] = [];
  void (async () => {
    try {
      for await (const e of subscription) events.push(e as unknown as Received);
    } catch {
      // the client was closed
    }
  })();
  return events;
}
