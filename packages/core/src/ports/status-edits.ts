// The status_edits table: the versions of a status that its edits replaced.
import type { StatusVersion } from '../types/statuses.ts';

export interface StatusEditRepository {
  /** Keeps a version an edit is replacing (in the edit's transaction). */
  record(statusId: string, version: StatusVersion): Promise<void>;
  /** The versions edits replaced, oldest first (empty for a status never edited). */
  versions(statusId: string): Promise<StatusVersion[]>;
}
