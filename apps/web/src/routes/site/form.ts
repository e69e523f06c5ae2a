import type { FastifyReply } from 'fastify';
import { formErrors } from '../../error-policy.ts';
import type { SafeHtml } from '../../views/html.ts';
import { sendPage } from './page-context.ts';

/** A same-site path to return to after logging in; anything else becomes "/". */
export function safeReturnPath(value: unknown): string {
  // No control characters or spaces either: browsers drop tabs and newlines from a URL, so
  // "/\t/evil.example" would become "//evil.example", another site.
  // Not a string (?return_to[]=x parses to an array) is not a path either.
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\s\p{Cc}]/u.test(value) ? value : '/';
}

/**
 * Runs a form's work (which answers, usually with a redirect). When a service refuses with
 * something the person can correct (error-policy's formErrors), the form is shown again with each
 * message next to its field and what was typed kept; anything else goes to the error handler.
 * Input the site refused before the handler (a NUL character; routes/site/index.ts) is shown the
 * same way, and the work does not run. The route says `config: { form: true }`.
 */
export async function submitForm(
  reply: FastifyReply,
  work: () => Promise<unknown>,
  form: (errors: Record<string, string>) => SafeHtml | Promise<SafeHtml>,
): Promise<unknown> {
  try {
    if (reply.request.refusedInput) throw reply.request.refusedInput;
    return await work();
  } catch (error) {
    const refused = formErrors(error);
    if (!refused) throw error;
    return sendPage(reply, await form(refused.fields), refused.status);
  }
}
