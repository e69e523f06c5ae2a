// Sending e-mail. The runtime implements it with nodemailer over SMTP_URL.

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per logical message, so a resend after a crash can be recognised by mail systems. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; throws (to be retried) otherwise. */
  send(mail: OutgoingMail): Promise<void>;
}
