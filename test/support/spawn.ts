import { spawn } from 'node:child_process';

export interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs one of the project's entry points as a child process without blocking this event loop. */
export function runEntry(
	entry: string,
	env: Record<string, string>,
	timeoutMs = 60_000,
	args: string[] = [],
): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['scripts/run.mjs', entry, ...args], {
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${entry} did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}
