// ESLint for the whole tree: typescript-eslint, React's hooks rules in the renderer, and the layering
// table of the style guide as `no-restricted-imports` per folder (test/boundaries.test.ts checks the same
// edges by scanning the files, so a rule cannot be switched off here without a test failing there).
// Formatting is Prettier's (.prettierrc.json, 120 columns); eslint-config-prettier turns off the rules
// that would fight it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const ui = '^(electron|react|react-dom|zustand|ws)(/|$)';
const native = '^(node-hid|usb|koffi)$';

/** Patterns a folder may not import; `allow` names its own door. */
const restrict = (patterns, message, regexes = []) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: patterns, message }, ...regexes.map((regex) => ({ regex, message }))] },
  ],
});
/** A relative import of device/ other than its door, device/index. */
const deepDevice = '^(\\.\\./)+device/(?!index$)';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'build/**', 'docs/**', 'test/fixtures/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // A rethrown error with our own words on purpose drops the cause (it may carry a path or a secret).
      'preserve-caught-error': 'off',
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // device/: a library; Node built-ins, its own files and pure libraries only. node-hid and usb only in
  // the HID transport, koffi (the FFI to the system's PC/SC library) only in the PC/SC transport.
  {
    files: ['device/**/*.ts'],
    rules: restrict(
      ['**/cli/**', '**/electron/**', '**/web-host/**', '**/renderer/**'],
      'device/ knows nothing of the CLI, Electron, the web host or the renderer; node-hid and usb only in device/transport/hid.ts.',
      [ui, native],
    ),
  },
  {
    files: ['device/transport/hid.ts', 'device/transport/pcsc.ts'],
    rules: restrict(
      ['**/cli/**', '**/electron/**', '**/web-host/**', '**/renderer/**'],
      'device/ knows nothing of its clients.',
      [ui],
    ),
  },
  // cli/ and electron/ and web-host/: the library only through device/index.ts.
  {
    files: ['cli/**/*.ts'],
    rules: restrict(
      ['**/electron/**', '**/web-host/**', '**/renderer/**'],
      'cli/ reaches the library only through device/index.ts.',
      [deepDevice, ui, native],
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', '**/cli/**', '**/web-host/**'],
      'electron/ reaches the library only through device/index.ts and never imports the renderer, the CLI or the web host.',
      [deepDevice, native],
    ),
  },
  {
    files: ['web-host/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', '**/cli/**'],
      'web-host/ reaches the library only through device/index.ts and never imports the renderer or the CLI.',
      [deepDevice, native, '^electron$'],
    ),
  },
  // shared/: constants and words every room imports, the renderer at run time too; it imports nothing.
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['**/device/**', '**/cli/**', '**/electron/**', '**/web-host/**', '**/renderer/**'],
      'shared/ imports nothing outside itself: every room, the page included, imports it.',
      ['^[^.]'],
    ),
  },
  // renderer/: React, zustand, the shared constants and types of the IPC contract; nothing of Node.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:|electron$|ws$|node-hid$|usb$)',
              message: 'renderer/ runs in a page: no Node or Electron.',
            },
            {
              group: ['**/device/**', '**/cli/**', '**/web-host/**'],
              message: 'renderer/ imports only the shared constants and types of the IPC contract.',
            },
            {
              group: ['**/electron/**', '!**/electron/ipc/contract', '!**/electron/ipc/schema', '!**/shared/**'],
              allowTypeImports: true,
              message: 'renderer/ imports only types of electron/ipc/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,ts}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-regex-spaces': 'off' },
  },
  prettier,
);
