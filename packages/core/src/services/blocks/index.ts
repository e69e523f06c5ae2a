// Blocks: block, unblock, the list of blocked accounts.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { block, listBlocks, unblock, type BlockInput } from './block.ts';

export function blockServices(deps: ServiceDeps) {
  return {
    block: (input: BlockInput) => block(deps, input),
    unblock: (input: BlockInput) => unblock(deps, input),
    list: (input: { actorId: string; page: PageRequest }) => listBlocks(deps, input),
  };
}
