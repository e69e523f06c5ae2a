// The readable API reference at /api/docs, rendered on the server from the OpenAPI document itself,
// so it needs no script (the strict CSP allows none inline) and cannot drift from /api/openapi.json.
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';

type Json = Record<string, unknown>;
interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A short type for a schema: `string`, `Status`, `Account[]`, `string | null`. */
function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop()!;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(' | ');
  const t = Array.isArray(schema.type) ? (schema.type as string[]).join(' | ') : String(schema.type ?? 'any');
  if (t === 'array') return `${typeOf(schema.items as Json)}[]`;
  return t;
}

/** Description text with `code` spans, as the schemas write them (everything else escaped). */
function prose(text: unknown): SafeHtml {
  const parts = String(text ?? '').split('`');
  return html`${parts.map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}`;
}

/** A type, linking entity names to their description below. */
function typeLink(schema: Json | undefined): SafeHtml {
  const name = typeOf(schema);
  const entity = /^([A-Z]\w*)(\[\])?$/.exec(name);
  return entity ? html`<a href="#entity-${entity[1]}"><code>${name}</code></a>` : html`<code>${name}</code>`;
}

const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`;

function fields(schema: Json | undefined): SafeHtml {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const names = Object.keys(props);
  if (names.length === 0) return html``;
  return html`<table class="api-fields">
    <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Notes</th></tr></thead>
    <tbody>
      ${names.map(
        (n) =>
          html`<tr><td><code>${n}</code></td><td>${typeLink(props[n])}</td><td>${prose(props[n]!.description)}</td></tr>`,
      )}
    </tbody>
  </table>`;
}

/** A path that a narrow screen may wrap after its slashes rather than in the middle of a word. */
function breakable(path: string): SafeHtml {
  return html`${path.split(/(?<=\/)/).map((part, i) => (i ? html`<wbr />${part}` : part))}`;
}

function operation(method: string, path: string, op: Operation): SafeHtml {
  const scopes = (op.security ?? []).flatMap((s) => s.OAuth2 ?? []);
  const optional = (op.security ?? []).some((s) => Object.keys(s).length === 0);
  const params = op.parameters ?? [];
  const body = op.requestBody?.content?.['application/json']?.schema;
  const responses = Object.entries(op.responses ?? {});
  return html`<section class="api-op" id="${anchor(method, path)}">
    <h3><span class="api-method api-${method}">${method.toUpperCase()}</span> <code>${breakable(path)}</code></h3>
    <p>${op.summary ?? ''}</p>
    ${op.description ? html`<p class="api-description">${prose(op.description)}</p>` : ''}
    <p class="api-auth">
      ${
        scopes.length
          ? html`Scope: ${scopes.map((s, i) => html`${i ? ' or ' : ''}<code>${s}</code>`)}${optional ? ' (token optional)' : ''}`
          : 'No token needed.'
      }
    </p>
    ${
      params.length
        ? html`<h4>Parameters</h4>
          <table class="api-fields">
            <thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Notes</th></tr></thead>
            <tbody>
              ${params.map(
                (p) =>
                  html`<tr><td><code>${p.name}</code>${p.required ? ' (required)' : ''}</td><td>${p.in}</td><td><code>${typeOf(p.schema)}</code></td><td>${prose(p.description ?? p.schema?.description)}</td></tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
    ${body ? html`<h4>Body (JSON, form or multipart)</h4>${fields(body)}` : ''}
    <h4>Responses</h4>
    <ul class="api-responses">
      ${responses.map(([code, r]) => {
        const schema = r.content ? Object.values(r.content)[0]?.schema : undefined;
        return html`<li><code>${code}</code> ${schema ? typeLink(schema) : (r.description ?? '')}</li>`;
      })}
    </ul>
  </section>`;
}

/** Renders the OpenAPI document as a reference page: operations by tag, then the entities. */
export function apiDocsPage(ctx: PageContext, doc: Json): SafeHtml {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const groups = new Map<string, Array<[string, string, Operation]>>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push([method, path, op]);
    }
  }
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const info = doc.info as { title: string; version: string; description?: string };
  return layout(
    ctx,
    'API reference',
    html`<article class="api-docs">
      <h1>${info.title} <small>${info.version}</small></h1>
      <p>${prose(info.description)}</p>
      <p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${String(doc.openapi)}).</p>
      <nav aria-label="API sections" class="api-toc">
        <ul>
          ${[...groups.keys()].map((t) => html`<li><a href="#tag-${t}">${t}</a></li>`)}
          <li><a href="#entities">entities</a></li>
        </ul>
      </nav>
      ${[...groups].map(
        ([tag, ops]) =>
          html`<section class="api-group" id="tag-${tag}">
            <h2>${tag}</h2>
            ${ops.map(([m, p, o]) => operation(m, p, o))}
          </section>`,
      )}
      <section class="api-group" id="entities">
        <h2>entities</h2>
        ${Object.entries(schemas).map(
          ([name, schema]) =>
            html`<section class="api-op" id="entity-${name}">
              <h3>${name}</h3>
              <p>${prose(schema.description)}</p>
              ${fields(schema)}
            </section>`,
        )}
      </section>
    </article>`,
  );
}
