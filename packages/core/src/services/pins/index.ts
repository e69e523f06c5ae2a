// Pins: an account's own statuses shown first on its profile.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { pin, pinnedStatuses, unpin, type PinInput } from './pin.ts';

export function pinServices(deps: ServiceDeps) {
  return {
    pin: (input: PinInput) => pin(deps, input),
    unpin: (input: PinInput) => unpin(deps, input),
    /** An account's pinned statuses as the viewer may see them (the profile, `pinned=true`). */
    list: (input: { accountId: string; page: PageRequest; viewerId?: string | undefined }) =>
      pinnedStatuses(deps, input),
  };
}
