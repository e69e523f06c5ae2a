// Progressive enhancement of the compose form: a live character counter, counted in Unicode code points
// after trimming, like the server (docs/product.md §3). The form works the same without it, and the server
// still checks the length; the counter then shows the limit.
for (const form of document.querySelectorAll('form.compose')) {
  const textarea = form.querySelector('textarea[name=text]');
  const counter = form.querySelector('.counter[data-max]');
  if (!textarea || !counter || form.dataset.counter) continue;
  form.dataset.counter = 'on';
  const max = Number(counter.dataset.max);
  const update = () => {
    const left = max - [...textarea.value.trim()].length;
    counter.textContent = left >= 0 ? `${left} characters left` : `${-left} over the limit`;
    counter.classList.toggle('over', left < 0);
  };
  textarea.addEventListener('input', update);
  update();
}

// Images: each chosen file shows a preview in its slot, and only the slots in use plus the next
// empty one are offered. Without this script all four slots show, and the post works the same.
for (const details of document.querySelectorAll('form.compose .compose-media')) {
  if (details.dataset.previews) continue;
  details.dataset.previews = 'on';
  const slots = [...details.querySelectorAll('.media-slot')];
  const inputOf = (slot) => slot.querySelector('input[type=file]');
  const arrange = () => {
    let offered = false;
    for (const slot of slots) {
      const chosen = inputOf(slot).files.length > 0 || slot.querySelector('.error');
      slot.hidden = !chosen && offered;
      if (!chosen) offered = true;
    }
  };
  for (const slot of slots) {
    const input = inputOf(slot);
    const preview = slot.querySelector('.media-preview');
    input.addEventListener('change', () => {
      if (preview.src) URL.revokeObjectURL(preview.src);
      const file = input.files[0];
      if (file && file.type.startsWith('image/')) {
        preview.src = URL.createObjectURL(file);
        preview.hidden = false;
      } else {
        preview.removeAttribute('src');
        preview.hidden = true;
      }
      arrange();
    });
  }
  arrange();
}
