// `npm run cli -- <command> [args]`: operator commands. Each command lives in commands/<name>.ts.
import { bootstrap, loadConfigOrExit } from '../index.ts';
import { commands } from './commands/index.ts';
import { CliError, type Command } from './command.ts';

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run cli -- <command> --help` for the options of one command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  // Commands may have two words ("accounts create"); take the longest name that matches.
  const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((n) => n in commands);
  if (!name) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
      console.log(usage());
      return 0;
    }
    console.error(`Unknown command: ${argv.slice(0, 2).join(' ')}\n\n${usage()}`);
    return 2;
  }
  const command: Command = commands[name]!;
  const args = argv.slice(name.split(' ').length);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  const config = loadConfigOrExit();
  const app = await bootstrap(config, { name: 'cli', logger: undefined });
  try {
    await command.run(app, args, (line) => console.log(line));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
