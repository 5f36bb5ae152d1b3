export declare function unsupportedNode(version?: string): string | null;
export declare function notReady(needs?: readonly string[]): string | null;
