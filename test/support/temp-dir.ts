import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTeardown } from './teardown.ts';

/** A temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'microposts-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  onTeardown(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
