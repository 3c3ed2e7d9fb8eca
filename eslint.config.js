// Lint rules: typescript-eslint's recommended type-checked set (the rules that need the types:
// unsafe `any`, misused promises, needless assertions, …); `any` is an error at every boundary.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated resolver types follow graphql-codegen's conventions, not ours.
  { ignores: ['api/generated/**', 'web/src/generated/**', 'node_modules/**', 'dist/**', '**/target/**', '.data/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.ts'] }, tsconfigRootDir: import.meta.dirname } } },
  // The config files themselves are plain JavaScript/TypeScript outside the project: no type-aware rules.
  { files: ['*.js', '*.config.ts', 'codegen.ts'], ...tseslint.configs.disableTypeChecked },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
);
