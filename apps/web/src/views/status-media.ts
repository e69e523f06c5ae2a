import type { Status } from '@microposts/core';
import { html, type SafeHtml } from './html.ts';
import { mediaSrc } from './media.ts';

/**
 * A status's images: previews in a grid, each a link to the full image, with its alt text as the
 * image's alternative (empty when the author gave none, as Mastodon's website does). Sensitive ones
 * sit in a closed <details>: one click shows them, with no script.
 */
export function statusMedia(status: Pick<Status, 'media' | 'sensitive'>): SafeHtml {
  const media = (status.media ?? []).filter((m) => m.fileKey && m.original);
  if (media.length === 0) return html``;
  const grid = html`<div class="status-media count-${media.length}">
    ${media.map((m) => {
      const preview =
        m.small && m.previewKey ? { key: m.previewKey, ...m.small } : { key: m.fileKey!, ...m.original! };
      return html`<a class="status-image" href="${mediaSrc(m.fileKey!)}"
        ><img
          src="${mediaSrc(preview.key)}"
          alt="${m.description ?? ''}"
          width="${preview.width}"
          height="${preview.height}"
          loading="lazy"
          decoding="async"
      /></a>`;
    })}
  </div>`;
  if (!status.sensitive) return grid;
  const what = media.length === 1 ? 'image' : `${media.length} images`;
  return html`<details class="status-media-sensitive">
    <summary><span class="sensitive-label">Sensitive content</span> <span class="sensitive-show">Show ${what}</span
      ><span class="sensitive-hide">Hide</span></summary
    >
    ${grid}
  </details>`;
}
