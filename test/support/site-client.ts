// A cookie-keeping HTTP client for the website that fills in forms' CSRF tokens, like a browser would.
import { parse, type HTMLElement } from 'node-html-parser';

export interface Page {
  status: number;
  location: string | null;
  html: string;
  doc: HTMLElement;
  headers: Headers;
}

export class SiteClient {
  readonly base: string;
  private cookies = new Map<string, string>();
  private lastToken = '';
  private readonly headers: Record<string, string>;

  /** `headers` go with every request (an X-Forwarded-For, say). */
  constructor(base: string, options: { headers?: Record<string, string> } = {}) {
    this.base = base;
    this.headers = options.headers ?? {};
  }

  /** GETs a page (not following redirects) and remembers the CSRF token on it. */
  async get(path: string): Promise<Page> {
    return this.request('GET', path);
  }

  /** POSTs a form as the browser would, with the CSRF token of the last page unless one is given. */
  async post(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: string | null } = {},
  ): Promise<Page> {
    const token = options.csrf === undefined ? this.lastToken : options.csrf;
    const body = new URLSearchParams(token === null ? fields : { _csrf: token, ...fields });
    return this.request('POST', path, body);
  }

  /** Signs up and stays logged in. */
  async signup(
    username: string,
    password = 'correct horse battery',
    email = `${username}@example.com`,
  ): Promise<Page> {
    await this.get('/signup');
    const page = await this.post('/signup', { username, email, password });
    if (page.status !== 303)
      throw new Error(`sign-up failed (${page.status}): ${page.doc.querySelector('.error')?.text}`);
    return page;
  }

  /** Logs in and stays logged in. */
  async login(login: string, password = 'correct horse battery'): Promise<Page> {
    await this.get('/login');
    return this.post('/login', { login, password });
  }

  /** Sends the cookie header of this client along with a raw fetch. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private async request(method: string, path: string, body?: URLSearchParams): Promise<Page> {
    const response = await fetch(new URL(path, this.base), {
      method,
      body,
      redirect: 'manual',
      headers: {
        ...this.headers,
        cookie: this.cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair, ...attributes] = c.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0/i.test(a));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    const html = await response.text();
    const doc = parse(html);
    const token = doc.querySelector('input[name=_csrf]')?.getAttribute('value');
    if (token) this.lastToken = token;
    return {
      status: response.status,
      location: response.headers.get('location'),
      html,
      doc,
      headers: response.headers,
    };
  }
}
