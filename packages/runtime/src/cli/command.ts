import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DomainError } from '@microposts/core';
import type { App } from '../bootstrap.ts';

/** An operator command: a one-line summary, a --help text and what it does. */
export interface Command {
  summary: string;
  help: string;
  run(app: App, args: string[], print: (line: string) => void): Promise<void>;
}

/** An error the CLI prints as "Error: message" with exit code 1, without a stack trace. */
export class CliError extends Error {}

/** Parses options strictly; unknown options and missing values become CliErrors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // node's messages may add lines of advice; the CLI prints errors on one line.
    throw new CliError((error as Error).message.split('\n')[0]!);
  }
}

/** Runs a service call and turns domain errors into CLI errors. */
export async function domain<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message);
    throw error;
  }
}
