// `accounts create|suspend|unsuspend|list`: account administration for operators.
import { randomBytes } from 'node:crypto';
import type { Account } from '@microposts/core';
import { CliError, domain, parseOptions, type Command } from '../command.ts';

/** A random password that is easy to copy: 24 characters of base64url (144 bits). */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function oneUsername(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new CliError(`Expected one username. Usage: ${usage}`);
  return positionals[0]!;
}

export const accountsCreate: Command = {
  summary: 'Create an account (prints a generated password unless --password is given)',
  help: [
    'Usage: npm run cli -- accounts create --username <name> --email <address> [--password <password>]',
    '',
    'Creates an account as sign-up would. Without --password a random password is generated and printed',
    'once; give it to the person and ask them to change it in Settings.',
    '',
    'Options:',
    '  --username <name>       1-30 letters, digits or underscores (required)',
    '  --email <address>       e-mail address (required)',
    '  --password <password>   at least 8 characters (default: generated)',
  ].join('\n'),
  async run(app, args, print) {
    const { values } = parseOptions(args, {
      username: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
    });
    if (!values.username) throw new CliError('--username is required.');
    if (!values.email) throw new CliError('--email is required.');
    const password = values.password ?? generatePassword();
    const account = await domain(
      app.services.accounts.register({ username: values.username, email: values.email, password }),
    );
    print(`Created @${account.username} (id ${account.id}, ${account.email}).`);
    if (values.password === undefined) print(`Password: ${password}`);
  },
};

export const accountsSuspend: Command = {
  summary: 'Suspend an account: no log-in, statuses hidden, sessions ended',
  help: [
    'Usage: npm run cli -- accounts suspend <username>',
    '',
    'The account can no longer log in, its statuses are hidden everywhere and its sessions end now.',
    'Nothing is deleted: `accounts unsuspend` restores it.',
  ].join('\n'),
  async run(app, args, print) {
    const { positionals } = parseOptions(args, {}, true);
    const username = oneUsername(positionals, 'npm run cli -- accounts suspend <username>');
    const { account, changed } = await domain(app.services.admin.suspend(username));
    print(changed ? `Suspended @${account.username}.` : `@${account.username} was already suspended.`);
  },
};

export const accountsUnsuspend: Command = {
  summary: 'Lift a suspension',
  help: [
    'Usage: npm run cli -- accounts unsuspend <username>',
    '',
    'The account can log in again and its statuses are shown again.',
  ].join('\n'),
  async run(app, args, print) {
    const { positionals } = parseOptions(args, {}, true);
    const username = oneUsername(positionals, 'npm run cli -- accounts unsuspend <username>');
    const { account, changed } = await domain(app.services.admin.unsuspend(username));
    print(changed ? `Unsuspended @${account.username}.` : `@${account.username} was not suspended.`);
  },
};

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '-');

function table(accounts: Account[]): string[] {
  const rows = [
    ['ID', 'USERNAME', 'E-MAIL', 'CREATED', 'CONFIRMED', 'SUSPENDED', 'ROLE'],
    ...accounts.map((a) => [
      a.id,
      a.username,
      a.email,
      date(a.createdAt),
      a.emailConfirmedAt ? 'yes' : 'no',
      date(a.suspendedAt),
      a.role,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

export const accountsList: Command = {
  summary: 'List accounts, newest first',
  help: [
    'Usage: npm run cli -- accounts list [--limit <n>] [--suspended]',
    '',
    'Options:',
    '  --limit <n>     how many accounts to show, 1-1000 (default 50)',
    '  --suspended     only suspended accounts',
  ].join('\n'),
  async run(app, args, print) {
    const { values } = parseOptions(args, {
      limit: { type: 'string' },
      suspended: { type: 'boolean' },
    });
    const raw = values.limit ?? '50';
    const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= 1000)) throw new CliError('--limit must be a whole number from 1 to 1000.');
    const accounts = await domain(
      app.services.admin.list({ limit, suspended: values.suspended ? true : undefined }),
    );
    if (accounts.length === 0) {
      print(values.suspended ? 'No suspended accounts.' : 'No accounts yet.');
      return;
    }
    for (const line of table(accounts)) print(line);
  },
};
