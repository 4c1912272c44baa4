import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.dayops/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['adapters/web/**/assets/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', EventSource: 'readonly' } },
  },
  {
    files: ['bin/*.js'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['bot/**/*.ts', 'commands/**/*.ts', 'data/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@slack/*', 'discord.js', '@discordjs/*'] }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read environment variables in bot/config only.' }],
    },
  },
  {
    files: ['bot/config/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
