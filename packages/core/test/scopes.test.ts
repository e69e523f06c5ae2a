import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasScope, parseScopes, scopesAllowed, SCOPES, unknownScopes } from '../src/rules/scopes.ts';

test('parseScopes splits on spaces, plus signs and commas, drops duplicates, accepts arrays', () => {
  assert.deepEqual(parseScopes('read write+follow  push'), ['read', 'write', 'follow', 'push']);
  assert.deepEqual(parseScopes(['read', 'read:statuses write']), ['read', 'read:statuses', 'write']);
  assert.deepEqual(parseScopes('read read'), ['read']);
  assert.deepEqual(parseScopes(undefined), []);
  assert.deepEqual(parseScopes('  '), []);
  assert.deepEqual(parseScopes(42), []);
});

test('unknownScopes names what the server does not offer', () => {
  assert.deepEqual(unknownScopes(['read', 'admin:read', 'read:nothing']), ['admin:read', 'read:nothing']);
  assert.deepEqual(unknownScopes(SCOPES), []);
});

test('read and write cover their granular scopes, and nothing else', () => {
  assert.ok(hasScope(['read'], 'read:statuses'));
  assert.ok(hasScope(['write'], 'write:favourites'));
  assert.ok(!hasScope(['read'], 'write:statuses'));
  assert.ok(!hasScope(['write'], 'read:statuses'));
  assert.ok(!hasScope(['read:statuses'], 'read'));
  assert.ok(!hasScope(['read:statuses'], 'read:accounts'));
  assert.ok(hasScope(['read:statuses'], 'read:statuses'));
  assert.ok(!hasScope([], 'read:statuses'));
});

test('follow keeps its old meaning: follows, blocks and mutes', () => {
  assert.ok(hasScope(['follow'], 'read:follows'));
  assert.ok(hasScope(['follow'], 'write:follows'));
  assert.ok(hasScope(['follow'], 'write:blocks'));
  assert.ok(!hasScope(['follow'], 'write:statuses'));
  assert.ok(!hasScope(['follow'], 'read:accounts'));
});

test('an array of required scopes is satisfied by any one of them', () => {
  assert.ok(hasScope(['profile'], ['profile', 'read:accounts']));
  assert.ok(hasScope(['read'], ['profile', 'read:accounts']));
  assert.ok(!hasScope(['write'], ['profile', 'read:accounts']));
  assert.ok(!hasScope(['profile'], 'read:accounts'));
});

test('scopesAllowed: requested scopes must be covered by the registered ones', () => {
  assert.ok(scopesAllowed(['read:statuses', 'write'], ['read', 'write']));
  assert.ok(!scopesAllowed(['read', 'push'], ['read', 'write']));
  assert.ok(!scopesAllowed(['read'], ['read:statuses']));
});
