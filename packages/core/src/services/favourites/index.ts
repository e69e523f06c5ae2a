// Favourites.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { favourite, favouritedBy, listFavourites, unfavourite, type FavouriteInput } from './favourite.ts';

export function favouriteServices(deps: ServiceDeps) {
  return {
    favourite: (input: FavouriteInput) => favourite(deps, input),
    unfavourite: (input: FavouriteInput) => unfavourite(deps, input),
    favouritedBy: (input: { statusId: string; page: PageRequest; viewerId?: string | undefined }) =>
      favouritedBy(deps, input),
    /** The actor's own favourites (GET /api/v1/favourites). */
    list: (input: { actorId: string; page: PageRequest }) => listFavourites(deps, input),
  };
}
