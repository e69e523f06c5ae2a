// Authorizes an app the way a person does: logged in on the website, the real authorize page, the
// Approve (or Deny) button.
import type { Page, SiteClient } from './site-client.ts';

/** Opens an /oauth/authorize URL as `site` (logged in), presses the button, returns the answer to it. */
export async function decideOnAuthorizePage(
  site: SiteClient,
  url: string,
  decision: 'approve' | 'deny' = 'approve',
): Promise<Page> {
  const page = await site.get(url);
  if (page.status !== 200)
    throw new Error(`authorize page answered ${page.status}: ${page.html.slice(0, 300)}`);
  const form = page.doc.querySelector('form.authorize-actions');
  if (!form) throw new Error('no Approve/Deny form on the authorize page');
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    if (name) fields[name] = input.getAttribute('value') ?? '';
  }
  return site.post(
    form.getAttribute('action') ?? '/oauth/authorize',
    { ...fields, decision },
    { csrf: null },
  );
}

/** Approves an authorization request for `site` and returns the code from the redirect. */
export async function approveInBrowser(
  site: SiteClient,
  params: { clientId: string; redirectUri: string; scope: string; state?: string; codeChallenge?: string },
): Promise<string> {
  const state = params.state ?? 'xyz';
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope,
    state,
    ...(params.codeChallenge ? { code_challenge: params.codeChallenge, code_challenge_method: 'S256' } : {}),
  });
  const approved = await decideOnAuthorizePage(site, `/oauth/authorize?${query}`);
  if (approved.status !== 303 || !approved.location) throw new Error(`approve answered ${approved.status}`);
  const location = new URL(approved.location);
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${approved.location}`);
  if (location.searchParams.get('state') !== state) throw new Error('state not returned');
  return code;
}
