// Mail delivery with nodemailer over SMTP_URL. Connections are pooled and reused across jobs.
import type { Transporter, TransportOptions } from 'nodemailer';
import type MailComposerClass from 'nodemailer/lib/mail-composer';
import type { Mailer, OutgoingMail } from '@microposts/core';
import type { Config } from './config.ts';

export interface SmtpMailer extends Mailer {
  close(): void;
}

/**
 * A mailer for SMTP_URL. The transport is made on first use, so processes that never send (web,
 * CLI) open no connection and do not even load nodemailer. Without SMTP_URL, sending fails, and the
 * job is retried until one is set.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): SmtpMailer {
  let loaded: Promise<{ transport: Transporter; MailComposer: typeof MailComposerClass }> | null = null;
  let open: Transporter | null = null;
  const load = async () => {
    const [{ default: nodemailer }, { default: MailComposer }] = await Promise.all([
      import('nodemailer'),
      import('nodemailer/lib/mail-composer'),
    ]);
    const transport = nodemailer.createTransport({
      url: config.smtpUrl!,
      pool: true,
      maxConnections: 5,
      maxMessages: 1000,
      // A dead server must fail the job (to be retried later), not hold a worker for minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as TransportOptions);
    open = transport;
    return { transport, MailComposer };
  };
  const get = () => {
    if (!config.smtpUrl) throw new Error('No SMTP server is configured (SMTP_URL); the e-mail stays queued.');
    return (loaded ??= load());
  };
  return {
    async send(mail: OutgoingMail) {
      const { transport, MailComposer } = await get();
      // The message is composed into one buffer first, then handed to the pool as it is: nodemailer
      // streams a message it composes itself to the socket part by part (eleven writes for a mention
      // e-mail), a buffer in one. Same bytes, same envelope; a quarter of the system calls (bench:
      // docs/performance.md, "Mail worker").
      const message = new MailComposer({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      }).compile();
      const raw = await new Promise<Buffer>((resolve, reject) =>
        message.build((error, built) => (error ? reject(error) : resolve(built))),
      );
      await transport.sendMail({ envelope: message.getEnvelope(), messageId: mail.messageId, raw });
    },
    close() {
      open?.close();
      open = null;
      loaded = null;
    },
  };
}
