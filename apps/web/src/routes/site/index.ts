import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { multipartOptions } from '../../uploads.ts';
import { DomainError, ValidationError } from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { ApiError } from '../../error-policy.ts';
import { nulInput } from '../../params.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A form that shows refusals next to its fields (its handler answers through submitForm). */
    form?: boolean;
  }
  interface FastifyRequest {
    /** Input refused before the handler ran, for submitForm to show next to its field. */
    refusedInput?: ValidationError;
  }
}

// Fields whose label is not their name.
const LABELS: Record<string, string> = { spoiler_text: 'content warning' };

/** "Display name contains a character that is not allowed (NUL)." */
function nulMessage(field: string): string {
  const label = LABELS[field] ?? field.replace(/_/g, ' ');
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} contains a character that is not allowed (NUL).`;
}
import authRoutes from './auth-routes.ts';
import statusRoutes from './status-routes.ts';
import timelineRoutes from './timeline-routes.ts';
import socialRoutes from './social-routes.ts';
import bookmarkRoutes from './bookmark-routes.ts';
import pollRoutes from './poll-routes.ts';
import historyPinRoutes from './history-pin-routes.ts';
import blockMuteRoutes from './block-mute-routes.ts';
import { addUnreadNotificationsHook } from './unread-notifications.ts';
import statsRoutes from './stats-routes.ts';
import tagRoutes from './tag-routes.ts';
import searchRoutes from './search-routes.ts';
import settingsRoutes from './settings-routes.ts';
import emailRoutes from './email-routes.ts';
import authorizeRoutes from './authorize-routes.ts';
import appSettingsRoutes from './app-settings-routes.ts';
import filterSettingsRoutes from './filter-routes.ts';
import reportRoutes from './report-routes.ts';
import moderationRoutes from './moderation-routes.ts';
import directoryRoutes from './directory-routes.ts';

/** The website: every cookie-authenticated form is checked for its CSRF token, every input for NUL. */
export default async function siteRoutes(fastify: FastifyInstance, deps: WebDeps) {
  // Forms with files (compose, profile pictures) are multipart; their fields are the body as usual.
  await fastify.register(multipart, multipartOptions);
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST' && !request.routeOptions.config.csrfExempt)
      fastify.csrfProtection(request, reply, done);
    else done();
  });
  // NUL in any input (no text column can hold it), after the CSRF check: a path names nothing (404),
  // a query is a 400 page; a form that shows its errors (config.form) gets the message next to the
  // field from submitForm, any other POST a 422 page naming the field. The work never runs.
  fastify.addHook('preHandler', async (request) => {
    const nul = nulInput(request);
    if (!nul) return;
    if (nul.part === 'params') throw new DomainError('not_found');
    if (nul.part === 'query') throw new ApiError(400, 'The address is not valid.');
    const refused = new ValidationError({ [nul.name]: nulMessage(nul.name) });
    if (!request.routeOptions.config.form) throw refused;
    request.refusedInput = refused;
  });
  addUnreadNotificationsHook(fastify, deps);
  await fastify.register(authRoutes, deps);
  await fastify.register(timelineRoutes, deps);
  await fastify.register(statusRoutes, deps);
  await fastify.register(socialRoutes, deps);
  await fastify.register(bookmarkRoutes, deps);
  await fastify.register(pollRoutes, deps);
  await fastify.register(historyPinRoutes, deps);
  await fastify.register(blockMuteRoutes, deps);
  await fastify.register(statsRoutes, deps);
  await fastify.register(tagRoutes, deps);
  await fastify.register(searchRoutes, deps);
  await fastify.register(settingsRoutes, deps);
  await fastify.register(emailRoutes, deps);
  await fastify.register(authorizeRoutes, deps);
  await fastify.register(appSettingsRoutes, deps);
  await fastify.register(filterSettingsRoutes, deps);
  await fastify.register(reportRoutes, deps);
  await fastify.register(moderationRoutes, deps);
  await fastify.register(directoryRoutes, deps);
}
