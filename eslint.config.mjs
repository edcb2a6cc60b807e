// ESLint for every TypeScript package: typescript-eslint, Jupyter's own rules
// (token format, plugin descriptions, untranslated strings…) and Prettier's layout.
import js from '@eslint/js';
import jupyter from '@jupyter/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/lib/',
      '**/labextension/',
      '**/coverage/',
      '**/test-results/',
      '**/playwright-report/',
      '**/.venv/',
      '.environments/',
      'python/',
      'dist/',
      '**/*.js',
      '**/*.mjs'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...jupyter.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      eqeqeq: 'error',
      curly: ['error', 'all'],
      'no-console': ['error', { allow: ['warn', 'error'] }]
    }
  },
  {
    // The extension template's rule: interfaces are named I<Something>.
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        {
          selector: 'interface',
          format: ['PascalCase'],
          custom: { regex: '^I[A-Z]', match: true }
        }
      ]
    }
  },
  {
    // Command-line programs talk to their user on the terminal.
    files: ['hub/src/cli.ts'],
    rules: { 'no-console': 'off' }
  },
  {
    // Tests and benchmarks print to the terminal, in English, for developers.
    files: ['**/test/**', '**/testing/**', 'ui-tests/**', 'bench/**'],
    rules: {
      'jupyter/no-untranslated-string': 'off',
      'no-console': 'off'
    }
  },
  prettier
);
