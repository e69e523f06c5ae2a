// Website sessions; ids arrive already hashed, so the table reveals no usable session.

export interface SessionRecord {
  accountId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
}

export interface SessionRepository {
  get(id: string): Promise<SessionRecord | null>;
  set(id: string, record: SessionRecord): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Ends every session of an account but the one given (after a password change, say). */
  destroyForAccount(accountId: string, exceptId?: string): Promise<void>;
  /** Deletes expired sessions; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
