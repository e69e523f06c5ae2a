// Media on local disk, under $DATA_DIR/media: the web process serves them at /media/ (and nginx in
// production, deploy/nginx.conf). A file is written to a temporary name and renamed into place, so
// a half-written file is never served.
import { randomBytes } from 'node:crypto';
import { mkdir, opendir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaStorage, StoredFile } from '@microposts/core';
import { assertKey } from './keys.ts';

const PAGE = 1000;

/** The disk driver, rooted at `root` (created when missing). */
export function diskStorage(root: string): MediaStorage {
  const file = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temporary, bytes, { mode: 0o644 });
      await rename(temporary, target);
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(keys) {
      for (const key of keys) {
        const target = file(key);
        await rm(target, { force: true });
        // Folders emptied by the delete go too (an attachment's folder holds its two files).
        for (let dir = path.dirname(target); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
          try {
            await rmdir(dir);
          } catch {
            break;
          }
        }
      }
    },
    async *list() {
      let page: StoredFile[] = [];
      const walk = async function* (dir: string): AsyncGenerator<StoredFile> {
        let entries;
        try {
          entries = await opendir(dir);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        for await (const entry of entries) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) yield* walk(full);
          else if (entry.isFile()) {
            const s = await stat(full).catch(() => null);
            if (s)
              yield {
                key: path.relative(root, full).split(path.sep).join('/'),
                bytes: s.size,
                modifiedAt: s.mtime,
              };
          }
        }
      };
      for await (const f of walk(root)) {
        page.push(f);
        if (page.length >= PAGE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
  };
}
