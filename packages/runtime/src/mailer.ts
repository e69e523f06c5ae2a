// Mail delivery with nodemailer over SMTP_URL. Connections are pooled and reused across jobs.
import type { Transporter, TransportOptions } from 'nodemailer';
import type { Mailer } from '@microposts/core';
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
  let transport: Transporter | null = null;
  const get = async () => {
    if (!config.smtpUrl) throw new Error('No SMTP server is configured (SMTP_URL); the e-mail stays queued.');
    if (transport) return transport;
    const { default: nodemailer } = await import('nodemailer');
    transport ??= nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: 5,
      maxMessages: 1000,
      // A dead server must fail the job (to be retried later), not hold a worker for minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as TransportOptions);
    return transport;
  };
  return {
    async send(mail) {
      await (
        await get()
      ).sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    },
    close() {
      transport?.close();
      transport = null;
    },
  };
}
