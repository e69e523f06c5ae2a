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
