import { createHmac, randomBytes } from 'node:crypto';
import { MessageFlags } from 'discord-api-types/v10';
import type { APIEmbed } from 'discord-api-types/v10';
import type { ButtonInteraction } from 'discord.js';
import { guardMessage } from '../present/outputGuard.js';
import { POST_ID, type ReplyBody } from '../present/presentReply.js';
import { UserFacingError } from '../service/errors.js';

/**
 * "Post to channel" under an ephemeral check. A button's custom id can be sent by a modified client
 * for any message, and a click can be replayed; so the button carries a MAC, under a key of this
 * process, of the check it belongs to, and a check is posted once:
 * - only a check this process made is posted, and only the very check the button was made for
 *   (a /fact answer or another ephemeral reply has no valid MAC);
 * - the button goes from the ephemeral check as it is posted, and a replayed click is refused;
 * - the post says who asked for it, without pinging them.
 */
const KEY = randomBytes(32);

/** What the MAC covers: the check's title and text, as Discord hands them back (whitespace evened). */
const signed = (embed: APIEmbed | undefined) =>
	`${embed?.title ?? ''}\n${embed?.description ?? ''}`.replace(/\s+/g, ' ').trim();
const macOf = (embed: APIEmbed | undefined) =>
	createHmac('sha256', KEY).update(signed(embed)).digest('base64url').slice(0, 22);

/** A check reply with its post button bound to it. */
export function withPostButton(reply: ReplyBody): ReplyBody {
	const id = `${POST_ID}:${macOf(reply.embeds?.[0])}`;
	return {
		...reply,
		components: reply.components?.map((row) => ({
			...row,
			components: row.components.map((c) =>
				'custom_id' in c && c.custom_id === POST_ID ? { ...c, custom_id: id } : c,
			),
		})) as ReplyBody['components'],
	};
}

/** Whether a custom id is a post button's (of any process). */
export const isPostButton = (customId: string) => customId === POST_ID || customId.startsWith(`${POST_ID}:`);

/** The ephemeral checks already posted, by message id: a replay is refused (the last 10,000 kept). */
const posted = new Set<string>();
const POSTED_KEPT = 10_000;

export async function postCheck(interaction: ButtonInteraction): Promise<void> {
	const { message } = interaction;
	const embed = message.embeds[0]?.toJSON();
	const ephemeral = message.flags.has(MessageFlags.Ephemeral);
	if (message.author.id !== interaction.client.user.id || !ephemeral || !embed)
		throw new UserFacingError('Only a check by Factdesk can be posted.');
	if (interaction.customId !== `${POST_ID}:${macOf(embed)}`)
		throw new UserFacingError(
			'This button does not belong to this check, or the check is from before Factdesk restarted: run the check again to post it.',
		);
	if (posted.has(message.id)) throw new UserFacingError('This check has already been posted.');
	posted.add(message.id);
	if (posted.size > POSTED_KEPT) posted.delete(posted.values().next().value as string);
	// The button goes from the check, and the check goes to the channel as Factdesk made it.
	await interaction.update({ components: [] });
	await interaction.followUp(
		guardMessage({ content: `Check asked for by <@${interaction.user.id}>:`, embeds: [embed] }),
	);
}
