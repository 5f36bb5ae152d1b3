import type { Library } from '../library/createLibrary.js';
import { type ArgsOf, type OperationName, type ResultOf, perform } from './operations.js';

/** Where the bot's operations are answered: the data worker in production, a library in-process in tools. */
export interface DataSource {
	request<K extends OperationName>(op: K, args: ArgsOf<K>, timeoutMs?: number): Promise<ResultOf<K>>;
}

/** Answers operations from a library in this thread (the CLI, benchmarks, unit tests of the runner). */
export function localData(library: Library | (() => Library)): DataSource {
	const current = typeof library === 'function' ? library : () => library;
	return {
		request: (op, args) => {
			try {
				return Promise.resolve(perform(current(), op, args));
			} catch (error) {
				return Promise.reject(error as Error);
			}
		},
	};
}
