// Where the embedded server keeps its data: the folder asked for, or, when PostgreSQL's own user
// cannot reach it (root in a private home such as /root, mode 700), a folder under SHARED_ROOT with
// a symbolic link from the folder asked for, so the data is still found from the project.
import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmdirSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { SHARED_ROOT } from './binaries.ts';
import { blockedAt, canWrite, type SystemUser } from './system-user.ts';

export interface DataDir {
  /** The folder PostgreSQL runs on. */
  path: string;
  /** Set when the data lives elsewhere than the folder asked for (which is then a link to it). */
  movedFrom?: string;
  /** Then: the folder PostgreSQL's user cannot enter on the way to the one asked for. */
  blockedAt?: string;
}

/** Makes the data folder for `dir` (not yet initialised, or found from an earlier start). */
export function dataDirFor(dir: string, user: SystemUser | null): DataDir {
  const wanted = path.resolve(dir);
  if (!user) {
    mkdirSync(wanted, { recursive: true, mode: 0o700 });
    return { path: wanted };
  }
  if (isLink(wanted)) {
    const shared = path.resolve(path.dirname(wanted), readlinkSync(wanted));
    if (!existsSync(shared)) makeShared(shared, user);
    return { path: realpathSync(wanted), movedFrom: wanted, blockedAt: blockedAt(user, wanted) ?? wanted };
  }
  const existed = existsSync(wanted);
  if (!existed) mkdirSync(wanted, { recursive: true, mode: 0o700 });
  if (readdirSync(wanted).length === 0) chownSync(wanted, user.uid, user.gid);
  if (canWrite(user, wanted)) return { path: wanted };
  if (readdirSync(wanted).length > 0)
    throw new Error(
      `PostgreSQL runs as the ${user.name} user, which cannot reach its data in ${wanted}; move that folder ` +
        `where ${user.name} can enter it (e.g. under ${SHARED_ROOT}) and link it from there, or set DATA_DIR.`,
    );
  const blocked = blockedAt(user, wanted) ?? wanted;
  rmdirSync(wanted);
  const shared = path.join(SHARED_ROOT, `data-${slug(wanted)}`);
  makeShared(shared, user);
  symlinkSync(shared, wanted, 'dir');
  return { path: shared, movedFrom: wanted, blockedAt: blocked };
}

function makeShared(shared: string, user: SystemUser): void {
  mkdirSync(path.dirname(shared), { recursive: true, mode: 0o755 });
  mkdirSync(shared, { recursive: true, mode: 0o700 });
  chownSync(shared, user.uid, user.gid);
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

// Readable and unique: /root/mp/var/pg -> root-mp-var-pg-1a2b3c4d
function slug(dir: string): string {
  const words = dir.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${words.slice(-48)}-${createHash('sha256').update(dir).digest('hex').slice(0, 8)}`;
}
