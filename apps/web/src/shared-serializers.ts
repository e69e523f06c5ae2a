// One response serializer per distinct response schema, shared by every route that answers with it
// (docs/performance.md, "Web RSS, this round"). Fastify compiles one fast-json-stringify function per
// route and status code, each with every entity it reaches inlined: 1,254 of them, 50 distinct; the
// dozens that reach Status are 45–130 KB of generated source each, and most are copies (every
// `listOf('Status')` route, `ref('Error')` on six status codes of every route). The generated code
// depends only on the route's schema, the shared entity schemas and the serializer options, so a
// copy is the same function: compile each once.
import { createHash } from 'node:crypto';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;
type Compiler = ReturnType<Factory>;
type Serializer = ReturnType<Compiler>;

/** Fastify's default serializer factory (`schemaController.compilersFactory.buildSerializer`), with the cache. */
export function sharedSerializers(): Factory {
  const build = SerializerSelector();
  const compiled = new Map<string, Serializer>();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    // What else the code depends on, as a digest (the entity schemas are tens of KB of JSON).
    const context = createHash('sha256')
      .update(JSON.stringify([externalSchemas ?? null, options ?? null]))
      .digest('base64');
    return (route) => {
      const key = `${context} ${JSON.stringify(route.schema)}`;
      let serializer = compiled.get(key);
      if (!serializer) {
        serializer = compile(route);
        compiled.set(key, serializer);
      }
      return serializer;
    };
  };
}
