import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'output/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // A diagnostic is made through the catalog (`diagnose`: typed parameters, the rule's
    // message and severity); the free-text `diagnostic` may not come back.
    files: ['src/**/*.ts', 'tests/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'diagnostics/diagnostic(\\.js)?$',
              importNames: ['diagnostic'],
              message:
                'Make diagnostics with `diagnose` (the catalog builds the message from typed parameters).',
            },
          ],
        },
      ],
    },
  },
  // CommonJS configuration files of tools (dependency-cruiser), and the command (bin/package.json).
  {
    files: ['**/*.cjs', 'bin/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
