import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['node_modules/', 'dist/', 'var/', 'coverage/'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: {
			globals: {
				process: 'readonly',
				console: 'readonly',
				fetch: 'readonly',
				AbortSignal: 'readonly',
				setTimeout: 'readonly',
			},
		},
		rules: {
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'no-restricted-syntax': [
				'error',
				{
					selector: "NewExpression[callee.name='RegExp']",
					message: 'Build no RegExp at run time: user text must never reach the regex engine.',
				},
			],
		},
	},
	{
		// Tests build patterns from ids they generate themselves.
		files: ['test/**'],
		rules: { 'no-restricted-syntax': 'off' },
	},
);
