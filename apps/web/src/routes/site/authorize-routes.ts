// GET/POST /oauth/authorize: the person logs in if needed, sees the app and the scopes it asks for,
// and approves or denies. Every error of the request (unknown client or redirect URI, a bad scope or
// response_type) is shown on a page, never redirected: anyone can register an app with any redirect
// URI, so redirecting errors without asking the person would make this site an open redirector (RFC
// 9700 section 4.11.2). Only the person's own decision, approve or deny, goes back to the client.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError, OOB_REDIRECT_URI, type AuthorizationParams } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { param, toBoolean } from '../../params.ts';
import { errorPage } from '../../views/pages/error-page.ts';
import {
  authorizationCodePage,
  authorizationRefusedPage,
  authorizePage,
  chooseAccountPage,
  type AuthorizeFields,
} from '../../views/pages/authorize-page.ts';
import { pageContext, sendPage } from './page-context.ts';
import { requireViewer } from './require-viewer.ts';

function fieldsOf(values: unknown): AuthorizeFields {
  const text = (name: keyof AuthorizeFields) => param(values, name) ?? '';
  return {
    client_id: text('client_id'),
    redirect_uri: text('redirect_uri'),
    scope: text('scope'),
    state: text('state'),
    code_challenge: text('code_challenge'),
    code_challenge_method: text('code_challenge_method'),
  };
}

function paramsOf(fields: AuthorizeFields, responseType: unknown): AuthorizationParams {
  return {
    clientId: fields.client_id,
    redirectUri: fields.redirect_uri,
    responseType,
    scope: fields.scope,
    codeChallenge: fields.code_challenge,
    codeChallengeMethod: fields.code_challenge_method,
  };
}

/** The redirect URI with parameters added to its query (keeping any it already has). */
function redirectWith(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * The site's CSP has form-action 'self', and Chromium applies form-action to the redirects that
 * follow a form POST too; so the consent page (only) also allows the app's redirect URI: its
 * origin for http(s), its scheme for an app's own scheme (com.example.app:/callback).
 */
function allowFormRedirect(reply: FastifyReply, redirectUri: string): void {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string' || redirectUri === OOB_REDIRECT_URI) return;
  let source: string;
  try {
    const url = new URL(redirectUri);
    source = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  } catch {
    return;
  }
  if (!/^[a-z][a-z0-9+.-]*:(\/\/[A-Za-z0-9.[\]:-]+)?$/.test(source)) return;
  reply.header('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${source}`));
}

/** The authorization page and its approve/deny form. */
export default async function authorizeRoutes(fastify: FastifyInstance, deps: WebDeps) {
  const { services } = deps;

  /** Shows an authorization error on a page (never a redirect: see the top of this file). */
  function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (error instanceof OAuthError)
      return sendPage(reply, errorPage(pageContext(request, reply), 400, pageMessage(error)), 400);
    throw error;
  }

  fastify.get('/oauth/authorize', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const fields = fieldsOf(query);
    let authorization;
    try {
      authorization = await services.oauth.validateAuthorization(paramsOf(fields, query.response_type));
    } catch (error) {
      return refuse(request, reply, error);
    }
    const url = new URL(request.url, 'http://x');
    url.searchParams.delete('force_login');
    const back = `${url.pathname}${url.search}`;
    if (!request.viewer) return reply.redirect(`/login?return_to=${encodeURIComponent(back)}`, 302);
    reply.header('cache-control', 'no-store');
    // force_login (Mastodon logs the person out): ask which account instead, so that a link from
    // another site cannot log anyone out.
    if (toBoolean(param(query, 'force_login')) === true)
      return sendPage(reply, chooseAccountPage(pageContext(request, reply), authorization.app.name, back));
    allowFormRedirect(reply, authorization.redirectUri);
    return sendPage(reply, authorizePage(pageContext(request, reply), authorization, fields));
  });

  fastify.post('/oauth/authorize', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fields = fieldsOf(body);
    let authorization;
    try {
      authorization = await services.oauth.validateAuthorization(paramsOf(fields, 'code'));
    } catch (error) {
      return refuse(request, reply, error);
    }
    const oob = authorization.redirectUri === OOB_REDIRECT_URI;
    reply.header('cache-control', 'no-store');
    if (body.decision !== 'approve') {
      const denied = new OAuthError('access_denied');
      if (oob)
        return sendPage(reply, authorizationRefusedPage(pageContext(request, reply), denied.description));
      const to = redirectWith(authorization.redirectUri, {
        error: denied.code,
        error_description: denied.description,
        state: fields.state,
      });
      return reply.redirect(to, 303);
    }
    const code = await services.oauth.authorize({ accountId: viewer.id, request: authorization });
    if (oob)
      return sendPage(
        reply,
        authorizationCodePage(pageContext(request, reply), authorization.app.name, code),
      );
    return reply.redirect(redirectWith(authorization.redirectUri, { code, state: fields.state }), 303);
  });
}

// The protocol's texts are written for developers; a person on this page gets a plain explanation.
const PAGE_MESSAGES: Partial<Record<OAuthError['code'], string>> = {
  invalid_client: 'The app that sent you here is not registered on this server, so it cannot ask for access.',
  invalid_redirect_uri:
    'The app asked to send you back to an address it did not register, so we stopped here to keep your account safe.',
  invalid_scope: 'The app asked for permissions it did not register, or that do not exist on this server.',
  unsupported_response_type: 'The app made a request this server does not support.',
};

function pageMessage(error: OAuthError): string {
  return `${PAGE_MESSAGES[error.code] ?? error.description} If you did not expect this, close this page; nothing was shared.`;
}
