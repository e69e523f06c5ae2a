// Authorizes an app the way a person does: logged in on the website, the real authorize page,
// the Approve button; returns the code from the redirect.
import type { SiteClient } from './site-client.ts';

/** Opens /oauth/authorize as `site` (already logged in), approves, and returns the code. */
export async function approveInBrowser(
  site: SiteClient,
  params: { clientId: string; redirectUri: string; scope: string; state?: string; codeChallenge?: string },
): Promise<string> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope,
    state: params.state ?? 'xyz',
    ...(params.codeChallenge ? { code_challenge: params.codeChallenge, code_challenge_method: 'S256' } : {}),
  });
  const page = await site.get(`/oauth/authorize?${query}`);
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  const form = page.doc.querySelectorAll('form').find((f) => f.querySelector('button[value=approve]'));
  if (!form) throw new Error('no approve form on the authorize page');
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    if (name) fields[name] = input.getAttribute('value') ?? '';
  }
  const approved = await site.post(
    form.getAttribute('action') ?? '/oauth/authorize',
    { ...fields, decision: 'approve' },
    { csrf: null },
  );
  if (approved.status !== 303 || !approved.location) throw new Error(`approve answered ${approved.status}`);
  const location = new URL(approved.location);
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${approved.location}`);
  if (location.searchParams.get('state') !== (params.state ?? 'xyz')) throw new Error('state not returned');
  return code;
}
