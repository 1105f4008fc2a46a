import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import meepraat from './eslint-rules/runtime-boundaries.js'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'src/server/db/migrations/**', 'bench/peers/dist/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The runtime boundaries (eslint-rules/runtime-boundaries.js). One custom rule rather than
    // `no-restricted-imports` blocks per folder: that rule only sees the import as written, so
    // `../db/client` in the server and `../../client/i18n` would need globs that guess at folder
    // names; this one resolves relative and root paths to the runtime folder they land in.
    files: ['src/**/*.{ts,mts,js,mjs,vue}'],
    plugins: { meepraat },
    rules: { 'meepraat/runtime-boundaries': 'error' },
  },
  // Pages and components reach the network only through the sync layer (outbox, pulls,
  // sync/reads.ts ...): no fetch of their own, no API client in hand (issue 17, item 5).
  {
    files: ['src/client/pages/**/*.{ts,vue}', 'src/client/components/**/*.{ts,vue}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
          name,
          message: 'Pages and components reach the network through the sync layer (src/client/sync), not directly.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(window|globalThis|self|navigator)$/][property.name=/^(fetch|sendBeacon)$/]",
          message: 'Pages and components reach the network through the sync layer (src/client/sync), not directly.',
        },
        {
          selector: "ImportDeclaration[importKind!='type'][source.value=/\\/(sync\\/api|composables\\/use-api)$/]",
          message: 'Use a sync-layer function (sync/reads.ts, the outbox, withdraw-registration.ts ...) instead of the API client; type imports are fine.',
        },
        {
          selector: "ImportExpression[source.value=/\\/(sync\\/api|composables\\/use-api)$/]",
          message: 'Use a sync-layer function instead of the API client.',
        },
      ],
    },
  },
  {
    files: ['src/server/main.ts', 'src/server/cli/**', 'bench/**', 'scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
)
