// Mutes: mute (with notifications and a duration), unmute, the list of muted accounts.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { listMutes, mute, unmute, type MuteInput } from './mute.ts';

export function muteServices(deps: ServiceDeps) {
  return {
    mute: (input: MuteInput) => mute(deps, input),
    unmute: (input: { actorId: string; targetId: string }) => unmute(deps, input),
    list: (input: { actorId: string; page: PageRequest }) => listMutes(deps, input),
  };
}
