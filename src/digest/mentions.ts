/** allowed_mentions as the REST body spells it: a digest pings nobody. */
export const NO_MENTIONS_BODY = { parse: [] } as const;
