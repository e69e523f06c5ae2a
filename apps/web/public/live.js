// Live updates on the website (issue 12 item 6): the timeline says how many new posts arrived ("3 new
// posts — show", a link that reloads it) and the notifications badge counts up, from the server's
// event stream (/live, the streaming API's events). Without JavaScript, or without EventSource, the
// pages are what they were: reload to see more.
(() => {
  const notice = document.querySelector('.live-notice[data-stream]');
  const notifications = document.querySelector('a[href="/notifications"]');
  const streams = new Set();
  // Only the newest page of a timeline gets news: older pages are not where new posts appear.
  if (notice && !new URLSearchParams(location.search).has('max_id')) streams.add(notice.dataset.stream);
  if (notifications) streams.add('user');
  if (!streams.size || !window.EventSource) return;
  const source = new EventSource(`/live?${[...streams].map((s) => `stream=${s}`).join('&')}`);

  const heard = new Set();
  source.addEventListener('update', (e) => {
    const { stream, id } = JSON.parse(e.data);
    // Already on the page (the reader's own post, shown after posting) or already counted.
    if (stream !== notice?.dataset.stream || heard.has(id) || document.getElementById(`s-${id}`)) return;
    heard.add(id);
    const link = notice.querySelector('a');
    link.textContent = `${heard.size} new post${heard.size === 1 ? '' : 's'} — show`;
    notice.hidden = false;
  });

  source.addEventListener('notification', () => {
    let badge = notifications.querySelector('.badge');
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = '0';
      notifications.append(' ', badge);
    }
    const unread = Number(badge.textContent) + 1;
    badge.textContent = String(unread);
    badge.setAttribute('aria-label', `${unread} unread`);
  });
})();
