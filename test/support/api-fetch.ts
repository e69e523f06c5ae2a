// One fetch wrapper for tests that send raw requests to the API and OAuth endpoints (bad input,
// transports): JSON, form and multipart bodies, a bearer token, and redirects returned, not followed.

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  body: T;
  text: string;
}

export interface ApiRequest {
  token?: string;
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string> | Array<[string, string]>;
  /** Sent as multipart/form-data. */
  multipart?: Array<[string, string]>;
  /** A raw body with its content type. */
  raw?: { type: string; body: string };
  headers?: Record<string, string>;
}

/**
 * Sends one request to the API and parses the JSON body (when there is one). `T` is what the test
 * expects the body to be; nothing checks it, the assertions do.
 */
export async function apiFetch<T = unknown>(
  base: string,
  method: string,
  path: string,
  req: ApiRequest = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let body: BodyInit | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    body = new URLSearchParams(req.form);
  } else if (req.multipart) {
    const data = new FormData();
    for (const [k, v] of req.multipart) data.append(k, v);
    body = data;
  } else if (req.raw) {
    headers['content-type'] = req.raw.type;
    body = req.raw.body;
  }
  const response = await fetch(new URL(path, base), { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the test asserts on `text` or the status.
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}
