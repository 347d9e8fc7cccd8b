// Lint: TypeScript rules plus Nx module boundaries (apps never import apps; contracts import nothing of ours and no NestJS).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'data/**', 'tmp/**', 'coverage/**', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: ['@nestjs/*', 'kafkajs', 'pg', '@electric-sql/*'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
            { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: ['scope:catalog', 'scope:shared'] },
            { sourceTag: 'scope:ordering', onlyDependOnLibsWithTags: ['scope:ordering', 'scope:shared'] },
            { sourceTag: 'scope:miniprograms', onlyDependOnLibsWithTags: ['scope:miniprograms', 'scope:shared'] },
            { sourceTag: 'scope:insights', onlyDependOnLibsWithTags: ['scope:insights', 'scope:shared'] },
            { sourceTag: 'scope:all', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // A decorated parameter typed `Request` or `Response` has its decorator metadata read Node's global of that name,
    // whose first read loads Node's fetch (undici, about 70 ms of every start): Express's types go by other names.
    files: ['**/*.controller.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='express'] > ImportSpecifier[local.name=/^(Request|Response)$/]",
          message: "import it as ExpressRequest or ExpressResponse: as `Request` or `Response`, a decorated parameter's metadata loads Node's fetch at start",
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
