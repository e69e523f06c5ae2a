// Routes whose response schemas are the same share one compiled serializer; routes whose schemas
// differ, or whose shared entity schemas differ, do not; and a shared serializer writes exactly what
// the route's own would (docs/performance.md, "Web RSS, this round").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { sharedSerializers } from '../src/shared-serializers.ts';

const entity = {
  $id: 'Thing',
  type: 'object',
  properties: { id: { type: 'string' }, n: { type: 'integer' } },
  required: ['id'],
};

test('one serializer per distinct schema, shared entity schemas and options', () => {
  const factory = sharedSerializers();
  const compile = factory({ Thing: entity }, {});
  const route = (url: string, schema: unknown, httpStatus = '200') => ({
    method: 'GET',
    url,
    httpStatus,
    schema,
  });
  const list = compile(route('/a', { type: 'array', items: { $ref: 'Thing#' } }));
  assert.equal(compile(route('/b', { type: 'array', items: { $ref: 'Thing#' } })), list, 'an equal schema');
  const error = compile(route('/a', { $ref: 'Thing#' }, '400'));
  assert.equal(compile(route('/b', { $ref: 'Thing#' }, '404')), error, 'any status code');
  assert.notEqual(error, list, 'a different schema');
  const otherEntity = { ...entity, properties: { id: { type: 'string' } } };
  const other = factory({ Thing: otherEntity }, {})(route('/a', { $ref: 'Thing#' }, '400'));
  assert.notEqual(other, error, 'different entity schemas');
  assert.equal(other({ id: '1', n: 2 }), '{"id":"1"}');
  assert.equal(error({ id: '1', n: 2, extra: true }), '{"id":"1","n":2}');
});

test('routes answer through the shared serializer as through their own', async () => {
  const responses = async (buildSerializer?: ReturnType<typeof sharedSerializers>) => {
    const fastify = Fastify(
      buildSerializer ? { schemaController: { compilersFactory: { buildSerializer } } } : {},
    );
    fastify.addSchema(entity);
    const reply = { id: '7', n: 3, secret: 'not in the schema' };
    for (const url of ['/one', '/two'])
      fastify.get(
        url,
        { schema: { response: { 200: { type: 'array', items: { $ref: 'Thing#' } } } } },
        async () => [reply],
      );
    fastify.get('/single', { schema: { response: { 200: { $ref: 'Thing#' } } } }, async () => reply);
    const bodies = [];
    for (const url of ['/one', '/two', '/single']) bodies.push((await fastify.inject({ url })).body);
    await fastify.close();
    return bodies;
  };
  const shared = await responses(sharedSerializers());
  assert.deepEqual(shared, ['[{"id":"7","n":3}]', '[{"id":"7","n":3}]', '{"id":"7","n":3}']);
  assert.deepEqual(shared, await responses());
});
