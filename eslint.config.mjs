// typescript-eslint (type-checked), no floating promises, and the core's import ban.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', 'examples/**', '.vscode-test/**', 'bench/sites/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // SiteFs implementations are async by contract even when the work is synchronous.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The adapters import the API as `import vscode = require('vscode')`: esbuild then emits a
    // plain require, where `import * as` costs a __toESM copy of the whole API per file (~6 ms
    // of activation, bench/activateProbe).
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path'].map((name) => ({ name, message: 'src/core is pure: read files through SiteFs, keep VS Code in src/vscode.' })),
          patterns: [{ group: ['../vscode/*', '../node/*', '../../vscode/*'], message: 'src/core must not depend on adapters.' }],
        },
      ],
    },
  },
);
