import { MessageFlags } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { guardMessage } from '../present/outputGuard.js';
import type { ReplyBody } from '../present/presentReply.js';
import { answersPrivately, forCaller } from './caller.js';

/** Every message the bot sends pings nobody: not @everyone, not roles, not the person replied to. */
export { ALLOWED_MENTIONS_NONE as NO_MENTIONS } from '../present/outputGuard.js';

export { CITE_PREFIX, PICK_ID, POST_ID } from '../present/presentReply.js';

export const errorReply = (content: string) => ({
	...guardMessage({ content }),
	flags: MessageFlags.Ephemeral as const,
});

/** A short text reply only the user sees (admin commands), through the same guard. */
export const ephemeralText = (content: string) => errorReply(content);

export const GENERIC_ERROR = 'Something went wrong on our side while answering. It has been logged; please try again.';

/** How long a command waits for the data before it defers its reply (Discord allows 3 s for the first). */
export const DEFER_AFTER_MS = 1_500;

/**
 * Replies with a body the data is still working out: at once when it comes in time (the usual few
 * milliseconds), else after deferring, so a slow answer is never lost to Discord's 3-second limit.
 * A deferred reply is public; an ephemeral body then replaces it with an ephemeral follow-up.
 */
export async function replyWhenReady(
	interaction: ChatInputCommandInteraction,
	body: Promise<ReplyBody>,
	deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deferAfterMs)));
	const first = await Promise.race([body, late]).finally(() => clearTimeout(timer));
	// Where a reporter installed the app themselves, the reply is theirs until they post it.
	if (first !== null) {
		await interaction.reply(forCaller(interaction, first));
		return;
	}
	const personal = answersPrivately(interaction);
	await interaction.deferReply(personal ? { flags: MessageFlags.Ephemeral } : {});
	const reply = forCaller(interaction, await body);
	if (reply.flags === MessageFlags.Ephemeral && !personal) {
		await interaction.deleteReply();
		await interaction.followUp(reply);
	} else await interaction.editReply({ ...reply, flags: undefined });
}
