import type { FastifyRequest } from 'fastify';

/** A string field from a form body; missing or non-string values read as ''. */
export function formValue(request: FastifyRequest, name: string): string {
  const body = request.body as Record<string, unknown> | undefined;
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

/** A same-site path to return to after logging in; anything else becomes "/". */
export function safeReturnPath(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
