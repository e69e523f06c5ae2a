import { NotFoundError } from '../../errors.ts';
import type { Status } from '../../types.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import type { ServiceDeps } from '../deps.ts';
import { createStatus, type CreateStatusInput } from './create-status.ts';

/**
 * Creates a status at most once per (account, Idempotency-Key): a repeated key returns the first
 * status and writes nothing. The key is claimed in the same transaction that writes the status, so
 * two concurrent requests with one key cannot both write, and a failed write frees the key.
 */
export async function createStatusOnce(
  deps: ServiceDeps,
  input: CreateStatusInput & { idempotencyKey?: string | undefined },
): Promise<{ status: Status; created: boolean }> {
  const key = input.idempotencyKey?.trim().slice(0, 200);
  if (!key) return { status: await createStatus(deps, input), created: true };
  return deps.uow.transaction(async (tx) => {
    const first = await tx.idempotencyKeys.claim(input.actorId, key);
    if (first !== null) {
      const status = first ? await tx.statuses.findById(first, input.actorId) : null;
      if (!status) throw new NotFoundError();
      return { status, created: false };
    }
    // createStatus runs inside this transaction: its own transaction() call reuses tx.
    const inTx: UnitOfWork = { ...tx, transaction: (fn) => fn(tx) };
    const status = await createStatus({ ...deps, uow: inTx }, input);
    await tx.idempotencyKeys.record(input.actorId, key, status.id);
    return { status, created: true };
  });
}
