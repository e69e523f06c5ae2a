// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'var/**', 'apps/web/public/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'pg', message: 'Only packages/db talks SQL.' },
            { name: 'kysely', message: 'Only packages/db talks SQL.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/db/**', 'test/support/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // The layers (docs/architecture.md): the domain knows no storage, web framework or process setup;
  // the data package knows no HTTP; the web edge reaches storage only through services.
  {
    files: ['packages/core/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'pg',
            'kysely',
            'fastify',
            'graphile-worker',
            'nodemailer',
            '@microposts/db',
            '@microposts/runtime',
          ].map((name) => ({
            name,
            message: 'packages/core is the domain: no storage, HTTP or process setup.',
          })),
          patterns: [{ group: ['@fastify/*', 'kysely/*'], message: 'packages/core is the domain.' }],
        },
      ],
    },
  },
  {
    files: ['packages/db/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fastify', '@microposts/runtime'].map((name) => ({
            name,
            message: 'packages/db is storage: no HTTP, no process setup.',
          })),
          patterns: [{ group: ['@fastify/*'], message: 'packages/db is storage.' }],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'pg', message: 'Only packages/db talks SQL.' },
            { name: 'kysely', message: 'Only packages/db talks SQL.' },
            { name: '@microposts/db', message: 'The web edge reaches storage only through services.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
