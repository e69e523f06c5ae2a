// OAuth 2 protocol errors (RFC 6749 section 5.2): a code and a description, with Doorkeeper's texts,
// which Mastodon answers with. They are the protocol's own answers, not domain errors: the edge sends
// them in RFC 6749 form and picks the status (invalid_client 401, unauthorized_client 403, others 400).

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'invalid_redirect_uri'
  | 'access_denied';

export const OAUTH_ERROR_DESCRIPTIONS: Record<OAuthErrorCode, string> = {
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  unauthorized_client: 'You are not authorized to revoke this token',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  invalid_redirect_uri: "The requested redirect uri is malformed or doesn't match client redirect URI.",
  access_denied: 'The resource owner or authorization server denied the request.',
};

/** An OAuth error to answer in RFC 6749 form: `{"error": code, "error_description": ...}`. */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly description: string;
  constructor(code: OAuthErrorCode, description = OAUTH_ERROR_DESCRIPTIONS[code]) {
    super(description);
    this.name = new.target.name;
    this.code = code;
    this.description = description;
  }
}
