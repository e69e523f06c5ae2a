// A real SMTP server on loopback that collects what it receives, parsed with mailparser, so tests
// can check parts and headers. It can refuse messages or go down and come back, like a real one.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freePort } from '@microposts/db';
import { onTeardown } from './teardown.ts';

export interface TestSmtp {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Messages to one address. */
  to(address: string): ParsedMail[];
  /** Answers every message with a temporary failure (451) while true. */
  refuse: boolean;
  /** Milliseconds to wait before accepting each message (a slow server, to catch work in flight). */
  delayMs: number;
  /** Closes the listening socket (connections are refused) until start() is called again. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 that keeps every accepted message; closed when the file ends. */
export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  let server: SMTPServer | null = null;
  const smtp: TestSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: [],
    refuse: false,
    delayMs: 0,
    to: (address) =>
      smtp.messages.filter((m) =>
        [m.to]
          .flat()
          .flatMap((t) => t?.value ?? [])
          .some((v) => v.address?.toLowerCase() === address.toLowerCase()),
      ),
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        closeTimeout: 200,
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            if (smtp.refuse) {
              const error = new Error('Try again later') as Error & { responseCode: number };
              error.responseCode = 451;
              return callback(error);
            }
            const raw = Buffer.concat(chunks);
            const wait = new Promise((r) => setTimeout(r, smtp.delayMs));
            wait
              .then(() => simpleParser(raw))
              .then(
                (parsed) => {
                  smtp.messages.push(parsed);
                  callback();
                },
                (error: Error) => callback(error),
              );
          });
        },
      });
      // A client that dies mid-session (a killed worker) resets its connection: not the server's problem.
      server.on('error', () => {});
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await smtp.start();
  onTeardown('stop the SMTP server', () => smtp.stop());
  return smtp;
}

/** A header's raw value as sent (mailparser turns some headers, like List-Unsubscribe, into objects). */
export function rawHeader(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}
