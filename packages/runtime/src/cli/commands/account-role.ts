// `accounts role <username> <role>`: who may moderate (see docs/moderation.md).
import { ACCOUNT_ROLES } from '@microposts/core';
import { CliError, domain, parseOptions, type Command } from '../command.ts';

const USAGE = 'npm run cli -- accounts role <username> <role>';

export const accountsRole: Command = {
  summary: 'Set an account’s role: user, moderator or admin',
  help: [
    `Usage: ${USAGE}`,
    '',
    'Roles:',
    '  user        posts, follows and reports (every account starts as one)',
    '  moderator   also sees the reports at /moderation and resolves them: dismisses them, deletes',
    '              the reported posts or suspends the account (of users, not of other moderators)',
    '  admin       as a moderator, and may also act against moderators',
    '',
    'The change applies at the person’s next request; nobody has to log in again. The role shows on',
    'the profile (Moderator, Admin) and in the API, as Mastodon shows roles.',
  ].join('\n'),
  async run(app, args, print) {
    const { positionals } = parseOptions(args, {}, true);
    if (positionals.length !== 2) throw new CliError(`Expected a username and a role. Usage: ${USAGE}`);
    const [username, role] = positionals as [string, string];
    if (!(ACCOUNT_ROLES as readonly string[]).includes(role))
      throw new CliError(`Role must be one of: ${ACCOUNT_ROLES.join(', ')}.`);
    const { account, changed } = await domain(app.services.admin.setRole(username, role));
    print(
      changed
        ? `@${account.username} is now ${article(role)}.`
        : `@${account.username} was already ${article(role)}.`,
    );
  },
};

function article(role: string): string {
  return role === 'user' ? 'a user' : role === 'admin' ? 'an admin' : 'a moderator';
}
