import { type REST, Routes } from 'discord.js';
import { HISTORY_LIMIT, type PostedMessage } from '../digest/runner.js';

/**
 * The bot's own messages among a channel's latest HISTORY_LIMIT, newest first: where the digest
 * runner looks for a digest it posted before a restart, once Discord has forgotten the nonce.
 */
export async function recentBotMessages(
	rest: REST,
	channelId: string,
	botUserId: string | undefined,
): Promise<PostedMessage[]> {
	const messages = (await rest.get(Routes.channelMessages(channelId), {
		query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }),
	})) as PostedMessage[];
	return messages.filter((m) => m.author?.id !== undefined && m.author.id === botUserId);
}
