// Deadlines in tests guard against hanging, they do not measure speed: a loaded 2-core machine can take
// ten times longer than a quiet one, so every deadline is generous, and TEST_DEADLINE_FACTOR multiplies
// them all (e.g. 3 on a very slow CI runner).

const factor = Number(process.env.TEST_DEADLINE_FACTOR ?? '1');
if (!(factor > 0)) throw new Error(`TEST_DEADLINE_FACTOR must be a positive number, not ${factor}`);

/** The time anything in a test may take before it counts as hung: two minutes, times the factor. */
export const DEADLINE_MS = 120_000 * factor;

/** Polls until fn returns a truthy value; fails only after DEADLINE_MS. */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + DEADLINE_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** The promise's value, or an error naming `what` if it has not settled within DEADLINE_MS. */
export async function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not done after ${DEADLINE_MS / 1000} s`)),
      DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
