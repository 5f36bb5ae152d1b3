export declare const root: string;
export declare const ENTRIES: Record<
	'ask' | 'start' | 'deploy' | 'backup' | 'data-check' | 'bench' | 'data-worker' | 'chart-worker' | 'gaps',
	string
>;
export declare const COMPANIONS: Partial<Record<keyof typeof ENTRIES, readonly (keyof typeof ENTRIES)[]>>;
export declare const SERVER_ENTRIES: readonly (
	'start' | 'data-worker' | 'chart-worker' | 'deploy' | 'backup' | 'gaps' | 'ask' | 'data-check'
)[];
export declare function outputOf(name: string): string;
export declare function buildEntry(name: string): Promise<void>;
