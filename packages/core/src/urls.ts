// The one place that knows the site's addresses for accounts, statuses and hashtags. Paths are
// site-relative; the *Url forms are absolute on the public URL (e-mails, API entities, HTML).

/** `/@alice` */
export function profilePath(account: { username: string }): string {
  return `/@${account.username}`;
}

/** `/@alice/123`: a status's permalink, under its author. */
export function statusPath(status: { id: string; account: { username: string } }): string {
  return `${profilePath(status.account)}/${status.id}`;
}

/** `/tags/coffee` for a normalized tag name. */
export function tagPath(name: string): string {
  return `/tags/${encodeURIComponent(name)}`;
}

/** The absolute profile URL. */
export function profileUrl(baseUrl: string, account: { username: string }): string {
  return baseUrl + profilePath(account);
}

/** The absolute permalink of a status. */
export function statusUrl(baseUrl: string, status: { id: string; account: { username: string } }): string {
  return baseUrl + statusPath(status);
}

/** The absolute URL of a hashtag's page. */
export function tagUrl(baseUrl: string, name: string): string {
  return baseUrl + tagPath(name);
}
