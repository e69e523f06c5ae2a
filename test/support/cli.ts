// The operator CLI as operators run it: `node packages/runtime/src/cli/main.ts ...` in a child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_SECRET_KEY } from './secret.ts';
import { onTeardown } from './teardown.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const cliMain = path.join(root, 'packages/runtime/src/cli/main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI process on the given database, with its own temporary DATA_DIR. */
export function cliEnv(databaseUrl: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'microposts-cli-'));
  onTeardown(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  return {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    SECRET_KEY: TEST_SECRET_KEY,
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
  };
}

/** Runs the CLI with these arguments; a non-zero exit code is returned, not thrown. */
export async function runCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliMain, ...args], {
      env,
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
