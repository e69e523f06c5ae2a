import type { MediaAttachment } from '../../types/media.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The media, once the worker has processed each (ready or failed), or as they are when `timeoutMs`
 * passes. For answers that wait for processing (the website's forms, POST /api/v1/media): a
 * short poll of primary-key reads, as the worker takes a few hundred milliseconds per image.
 */
export async function awaitProcessed(
  deps: ServiceDeps,
  ids: string[],
  timeoutMs: number,
): Promise<MediaAttachment[]> {
  const deadline = Date.now() + timeoutMs;
  let pause = 20;
  for (;;) {
    const found = await Promise.all(ids.map((id) => deps.uow.media.findById(id)));
    const media = found.filter((m): m is NonNullable<typeof m> => m !== null);
    if (media.every((m) => m.state !== 'processing') || Date.now() >= deadline) return media;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(0, deadline - Date.now()))));
    pause = Math.min(pause * 1.5, 250);
  }
}
