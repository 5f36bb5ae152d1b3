export declare const root: string;
export declare const ENTRIES: Record<'ask' | 'start' | 'deploy' | 'backup' | 'data-check' | 'bench', string>;
export declare const SERVER_ENTRIES: readonly ('start' | 'deploy' | 'backup' | 'ask')[];
export declare function outputOf(name: string): string;
export declare function buildEntry(name: string): Promise<void>;
