import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Electron stays at the edge: only main/shell/ and preload/ may import it (architecture.md rule 1).',
};

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['main/shell/**/*.ts', 'preload/**/*.ts', 'tests/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // A test that waits on the clock or on window focus fails on a busy machine (issue 12).
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'toBeFocused',
          message: 'toBeFocused() also needs the window to have focus: use toHaveFocus() from tests/e2e/fixtures.ts.',
        },
        { property: 'waitForTimeout', message: 'No fixed sleeps: wait for what the person would see.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'child_process',
                'sql.js',
                '**/main/store/**',
                '**/main/api/**',
                '**/main/shell/**',
                '**/main/cli/**',
              ],
              message: 'The renderer only reaches the application through window.clinic (architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
