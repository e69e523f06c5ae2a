// Discovery: the instance documents (v1, v2) and NodeInfo 2.0, which apps and crawlers read first.
import {
  IMAGE_MATRIX_LIMIT,
  IMAGE_MIME_TYPES,
  IMAGE_SIZE_LIMIT,
  MAX_MEDIA_ATTACHMENTS,
  MEDIA_DESCRIPTION_MAX,
  POLL_MAX_EXPIRATION,
  POLL_MAX_OPTIONS,
  POLL_MIN_EXPIRATION,
  POLL_OPTION_MAX_CHARS,
  STATUS_MAX,
} from '@microposts/core';
import type { WebDeps } from '../../deps.ts';
import { anyone } from '../../api/auth.ts';
import { route, type ApiFastify } from '../../api/route.ts';
import pkg from '../../../package.json' with { type: 'json' };
import { anyObject } from '../../api/schemas.ts';

const tags = ['instance'];
/** Clients parse the leading Mastodon version to decide which features to use. */
export const MASTODON_VERSION = `4.3.0 (compatible; microposts ${pkg.version})`;
const DESCRIPTION = 'A small, fast microblogging service with a Mastodon-compatible API.';

/** Instance and NodeInfo documents. */
export default async function instanceRoutes(fastify: ApiFastify, deps: WebDeps) {
  const { services } = deps;
  const base = deps.config.publicUrl;
  const host = new URL(base).host;
  const streaming = base.replace(/^http/, 'ws');
  const statusesConfig = {
    max_characters: STATUS_MAX,
    max_media_attachments: MAX_MEDIA_ATTACHMENTS,
    characters_reserved_per_url: 23,
  };
  // Images only: no video or audio (their limits are 0).
  const mediaConfig = {
    supported_mime_types: Object.values(IMAGE_MIME_TYPES),
    image_size_limit: IMAGE_SIZE_LIMIT,
    image_matrix_limit: IMAGE_MATRIX_LIMIT,
    video_size_limit: 0,
    video_frame_rate_limit: 0,
    video_matrix_limit: 0,
  };
  // The limits polls are checked against (rules/poll-rules.ts); IceCubes needs the key in v1 too.
  const pollsConfig = {
    max_options: POLL_MAX_OPTIONS,
    max_characters_per_option: POLL_OPTION_MAX_CHARS,
    min_expiration: POLL_MIN_EXPIRATION,
    max_expiration: POLL_MAX_EXPIRATION,
  };
  const publicDoc = (summary: string, description: string, response: object = anyObject) =>
    route(anyone, { tags, summary, description, response: { 200: response } });

  fastify.get(
    '/api/v1/instance',
    publicDoc('Instance (v1)', "Mastodon's v1 instance document; `uri` is the bare domain."),
    async () => {
      const usage = await services.instance.usage();
      return {
        uri: host,
        title: 'microposts',
        short_description: DESCRIPTION,
        description: DESCRIPTION,
        email: '',
        version: MASTODON_VERSION,
        urls: { streaming_api: streaming },
        stats: { user_count: usage.users, status_count: usage.statuses, domain_count: 0 },
        thumbnail: `${base}/assets/header.png`,
        languages: ['en'],
        registrations: true,
        approval_required: false,
        invites_enabled: false,
        configuration: {
          accounts: { max_featured_tags: 0 },
          statuses: statusesConfig,
          media_attachments: mediaConfig,
          polls: pollsConfig,
        },
        contact_account: null,
        rules: [],
      };
    },
  );

  fastify.get(
    '/api/v2/instance',
    publicDoc('Instance (v2)', "Mastodon's v2 instance document, with `api_versions`."),
    async () => {
      const usage = await services.instance.usage();
      return {
        domain: host,
        title: 'microposts',
        version: MASTODON_VERSION,
        source_url: 'https://github.com/microposts/microposts',
        description: DESCRIPTION,
        usage: { users: { active_month: usage.activeMonth } },
        thumbnail: { url: `${base}/assets/header.png`, blurhash: null, versions: {} },
        icon: [],
        languages: ['en'],
        configuration: {
          urls: { streaming, status: null, about: `${base}/`, privacy_policy: null, terms_of_service: null },
          vapid: { public_key: '' },
          accounts: { max_featured_tags: 0, max_pinned_statuses: 0 },
          statuses: statusesConfig,
          media_attachments: { ...mediaConfig, description_limit: MEDIA_DESCRIPTION_MAX },
          polls: pollsConfig,
          translation: { enabled: false },
        },
        registrations: { enabled: true, approval_required: false, message: null, url: null, min_age: null },
        api_versions: { mastodon: 2 },
        contact: { email: '', account: null },
        rules: [],
      };
    },
  );

  for (const [path, summary] of [
    ['/api/v1/instance/peers', 'Domains this server federates with (none)'],
    ['/api/v1/instance/rules', 'Server rules (none)'],
  ] as const) {
    fastify.get(path, publicDoc(summary, 'Always an empty list.', { type: 'array' }), async () => []);
  }

  fastify.get(
    '/.well-known/nodeinfo',
    publicDoc('NodeInfo discovery', 'Where the NodeInfo 2.0 document is.'),
    async () => ({
      links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${base}/nodeinfo/2.0` }],
    }),
  );

  fastify.get(
    '/nodeinfo/2.0',
    publicDoc(
      'NodeInfo 2.0',
      'Software, usage and registrations. `metadata.upstream.name` is `mastodon`, so clients that ' +
        'do not know microposts treat it as Mastodon. `protocols` is empty: microposts does not federate.',
    ),
    async (_request, reply) => {
      const usage = await services.instance.usage();
      reply.type('application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.0#"');
      return {
        version: '2.0',
        software: { name: 'microposts', version: pkg.version },
        protocols: [],
        services: { inbound: [], outbound: [] },
        usage: {
          users: { total: usage.users, activeMonth: usage.activeMonth, activeHalfyear: usage.activeHalfyear },
          localPosts: usage.statuses,
        },
        openRegistrations: true,
        metadata: { nodeName: 'microposts', upstream: { name: 'mastodon', version: '4.3.0' } },
      };
    },
  );
}
