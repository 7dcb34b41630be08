// Lint for the JavaScript shell, tests and tools: ESLint's recommended rules
// plus a few that keep the code plain and safe.
import js from '@eslint/js';

const browser = {
  window: 'readonly', document: 'readonly', location: 'readonly', history: 'readonly', navigation: 'readonly',
  Element: 'readonly', crypto: 'readonly', MutationObserver: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
  addEventListener: 'readonly', globalThis: 'readonly', URL: 'readonly', console: 'readonly', navigator: 'readonly', IntersectionObserver: 'readonly', ResizeObserver: 'readonly', requestIdleCallback: 'readonly', requestAnimationFrame: 'readonly', performance: 'readonly',
};
const node = {
  process: 'readonly', Buffer: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
  setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly', globalThis: 'readonly',
};

export default [
  js.configs.recommended,
  {
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build DOM nodes or use textContent: page data must never become markup.' },
        { property: 'outerHTML', message: 'Build DOM nodes or use textContent.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM nodes or use textContent.' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'prefer-const': 'error',
      'no-var': 'error',
      eqeqeq: 'error',
    },
  },
  { files: ['extension/**/*.js'], languageOptions: { globals: browser } },
  // Only the background opens the record itself.
  { files: ['extension/background.js'], languageOptions: { globals: { ...browser, indexedDB: 'readonly' } } },
  // The content script: classic scripts run in order in one isolated world, sharing one global
  // (extension/content/state.js).
  {
    files: ['extension/content/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...browser, kindlingContent: 'readonly' } },
  },
  { files: ['tests/fixtures/**/*.js'], languageOptions: { sourceType: 'script', globals: browser } },
  { files: ['tests/**/*.mjs', 'tools/**/*.mjs', 'eslint.config.js'], languageOptions: { globals: node } },
];
