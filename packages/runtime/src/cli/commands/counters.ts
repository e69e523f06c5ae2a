// `counters rebuild`: the repair for account, status and poll counters that went wrong.
import { parseOptions, type Command } from '../command.ts';

export const countersRebuild: Command = {
  summary: 'Recompute every account, status and poll counter from the rows',
  help: [
    'Usage: npm run cli -- counters rebuild',
    '',
    'Counters (statuses, followers, following; replies, favourites, boosts; poll votes and voters)',
    'are kept by the database in the transaction of each change, so they should never drift. If',
    'they did (a restore from an old backup, a hand-made change), this recomputes all of them from',
    'the rows and prints how many accounts, statuses and polls were corrected. Writes wait for the',
    'few seconds it takes; reads do not.',
  ].join('\n'),
  async run(app, args, print) {
    parseOptions(args, {});
    const fixed = await app.services.admin.rebuildCounters();
    print(
      `Corrected the counters of ${fixed.accounts} accounts, ${fixed.statuses} statuses and ${fixed.polls} polls.`,
    );
  },
};
