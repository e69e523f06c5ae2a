// The web application in this process on a real port, for client-API tests with real clients
// (masto.js, megalodon, fetch). Every API response it sends is recorded and can be checked against
// the OpenAPI document the server itself publishes at /api/openapi.json.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { freePort } from '@microposts/db';
import type { App } from '@microposts/runtime';
import { buildApp } from '../../apps/web/src/app.ts';
import { testApp } from './app.ts';
import { onTeardown } from './teardown.ts';

export interface RecordedResponse {
  method: string;
  /** The route's path template (`/api/v1/statuses/:id`). */
  route: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export interface ApiServer {
  app: App;
  fastify: FastifyInstance;
  url: string;
  recorded: RecordedResponse[];
  /** Checks every recorded API response against /api/openapi.json; returns the problems found. */
  openApiProblems(): Promise<string[]>;
}

/** Starts the application on a free port, with PUBLIC_URL set to that port. */
export async function startApiServer(env: Record<string, string> = {}): Promise<ApiServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await testApp({
    PUBLIC_URL: url,
    RATE_LIMIT_API: '1000000',
    RATE_LIMIT_AUTH: '100000',
    ...env,
  });
  const fastify = await buildApp(app);
  const recorded: RecordedResponse[] = [];
  fastify.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (route && /^\/(api\/v|\.well-known\/nodeinfo|nodeinfo|oauth\/token|oauth\/revoke)/.test(route)) {
      recorded.push({
        method: request.method,
        route,
        url: request.url,
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? ''),
        body: typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : '',
      });
    }
    return payload;
  });
  await fastify.listen({ port, host: '127.0.0.1' });
  onTeardown('close the API server', () => fastify.close());
  return { app, fastify, url, recorded, openApiProblems: () => openApiProblems(url, recorded) };
}

type Json = Record<string, unknown>;

async function openApiProblems(url: string, recorded: RecordedResponse[]): Promise<string[]> {
  const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  const paths = doc.paths as Record<string, Record<string, { responses?: Record<string, Json> }>>;
  const problems: string[] = [];
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  for (const r of recorded) {
    const where = `${r.method} ${r.url} → ${r.status}`;
    if (!r.contentType.startsWith('application/json')) {
      problems.push(`${where}: content-type ${r.contentType}`);
      continue;
    }
    const path = r.route.replace(/:(\w+)/g, '{$1}');
    const operation = paths[path]?.[r.method.toLowerCase()];
    if (!operation) {
      problems.push(`${where}: ${r.method} ${path} is not in the OpenAPI document`);
      continue;
    }
    const response = operation.responses?.[String(r.status)] as
      { content?: Record<string, { schema?: Json }> } | undefined;
    if (!response) {
      problems.push(`${where}: status ${r.status} is not documented`);
      continue;
    }
    const schema = response.content ? Object.values(response.content)[0]?.schema : undefined;
    if (!schema) continue;
    const key = `${r.method} ${path} ${r.status}`;
    let validate = compiled.get(key);
    if (!validate) {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/');
      validate = ajv.compile(JSON.parse(text) as Json);
      compiled.set(key, validate);
    }
    if (!validate(JSON.parse(r.body))) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
  }
  return problems;
}
