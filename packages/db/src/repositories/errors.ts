/** True when a PostgreSQL error is a unique violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}

/** True when a PostgreSQL error is a foreign key violation (the row referred to is gone), optionally of one constraint. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23503' && (!constraint || e.constraint === constraint);
}

/**
 * Runs an insert that refers to rows a concurrent transaction may delete: when the row referred to
 * went between the service's read and this write, the write becomes the domain's refusal.
 */
export async function referring<T>(work: Promise<T>, gone: () => Error, constraint?: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isForeignKeyViolation(error, constraint)) throw gone();
    throw error;
  }
}
