// How the benchmark becomes a logged-in person and an API client, the way real ones do: the log-in
// form (CSRF token, session cookie), and OAuth 2 (register an app, approve it on the authorize page
// while logged in, exchange the code for a token).

/** Cookies set by a site, as one Cookie header. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const unescapeHtml = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );

/** The hidden inputs of the first form whose markup matches `marker`. */
function formFields(page: string, marker: RegExp): Record<string, string> {
  const form = [...page.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => marker.test(f));
  if (!form) throw new Error(`no form matching ${marker}`);
  const fields: Record<string, string> = {};
  for (const input of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) fields[name] = unescapeHtml(value);
  }
  return fields;
}

export interface LoggedIn {
  /** The Cookie header of the session. */
  cookie: string;
  jar: CookieJar;
}

/** Logs in through the form at base/login; returns the session cookie. */
export async function logIn(base: string, login: string, password: string): Promise<LoggedIn> {
  const jar = new CookieJar();
  const page = await fetch(`${base}/login`);
  jar.take(page);
  const fields = formFields(await page.text(), /name="password"/);
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, login, password }),
  });
  if (res.status !== 303) throw new Error(`log-in as ${login} answered ${res.status}`);
  jar.take(res);
  return { cookie: jar.header, jar };
}

/** A user token for the logged-in person, through /api/v1/apps, /oauth/authorize and /oauth/token. */
export async function oauthToken(
  base: string,
  session: LoggedIn,
  scope = 'read write follow',
): Promise<string> {
  const redirectUri = 'http://127.0.0.1/bench-callback';
  const registered = await fetch(`${base}/api/v1/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'bench', redirect_uris: redirectUri, scopes: scope }),
  });
  if (!registered.ok) throw new Error(`POST /api/v1/apps answered ${registered.status}`);
  const app = (await registered.json()) as { client_id: string; client_secret: string };
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: redirectUri,
    scope,
    state: 'bench',
  });
  const page = await fetch(`${base}/oauth/authorize?${query}`, { headers: { cookie: session.jar.header } });
  if (page.status !== 200) throw new Error(`GET /oauth/authorize answered ${page.status}`);
  session.jar.take(page);
  const fields = formFields(await page.text(), /value="approve"/);
  const approved = await fetch(`${base}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.jar.header, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, decision: 'approve' }),
  });
  const code = new URL(approved.headers.get('location') ?? 'http://x/').searchParams.get('code');
  if (approved.status !== 303 || !code)
    throw new Error(`approving the bench app answered ${approved.status}`);
  const token = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: redirectUri,
    }),
  });
  if (!token.ok) throw new Error(`POST /oauth/token answered ${token.status}`);
  return ((await token.json()) as { access_token: string }).access_token;
}
