import { createHmac, randomBytes } from 'node:crypto';
import { MessageFlags } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIComponentInActionRow, APIEmbed } from 'discord-api-types/v10';
import type { ButtonInteraction } from 'discord.js';
import { guardMessage } from '../present/outputGuard.js';
import { CHART_FILE, type MessageBody, POST_ID } from '../present/presentReply.js';
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
export function withPostButton<Body extends MessageBody>(reply: Body): Body {
	const id = `${POST_ID}:${macOf(reply.embeds?.[0])}`;
	return {
		...reply,
		components: reply.components?.map((row) => ({
			...row,
			components: row.components.map((c) =>
				'custom_id' in c && c.custom_id === POST_ID ? { ...c, custom_id: id } : c,
			),
		})) as Body['components'],
	};
}

/** Rows of buttons and menus without the post buttons, and without a row left empty. */
export function withoutPostButtons<Row extends { components: readonly object[] }>(rows: readonly Row[]): Row[] {
	return rows
		.map((row) => ({
			...row,
			components: row.components.filter((c) => !('custom_id' in c) || !isPostButton(String(c.custom_id))),
		}))
		.filter((row) => row.components.length > 0);
}

/** Whether a custom id is a post button's (of any process). */
export const isPostButton = (customId: string) => customId === POST_ID || customId.startsWith(`${POST_ID}:`);

/** The ephemeral replies already posted, by message id: a replay is refused (the last 10,000 kept). */
const posted = new Set<string>();
const POSTED_KEPT = 10_000;
/** A chart taken from the reply to post it again: at most this big, and this long to fetch. */
const MAX_CHART_BYTES = 8 * 1024 * 1024;
const CHART_FETCH_MS = 5_000;

/**
 * "Post to channel" under an ephemeral reply (a check, or an answer given where a reporter
 * installed the app themselves): that reply, once, now for everyone, with its chart and its Cite
 * button, saying who asked for it.
 */
export async function postCheck(interaction: ButtonInteraction): Promise<void> {
	const { message } = interaction;
	const embed = message.embeds[0]?.toJSON();
	const ephemeral = message.flags.has(MessageFlags.Ephemeral);
	if (message.author.id !== interaction.client.user.id || !ephemeral || !embed)
		throw new UserFacingError('Only a reply by Factdesk that only you can see can be posted.');
	if (interaction.customId !== `${POST_ID}:${macOf(embed)}`)
		throw new UserFacingError(
			'This button does not belong to this reply, or the reply is from before Factdesk restarted: ask again to post it.',
		);
	if (posted.has(message.id)) throw new UserFacingError('This reply has already been posted.');
	posted.add(message.id);
	if (posted.size > POSTED_KEPT) posted.delete(posted.values().next().value as string);
	// The other buttons (Cite) go with the post; the post button goes from both.
	const rows = withoutPostButtons(
		message.components.map((row) => row.toJSON() as APIActionRowComponent<APIComponentInActionRow>),
	);
	await interaction.update({ components: rows });
	const chart = await chartOf(interaction);
	const withoutImage = { ...embed };
	delete withoutImage.image;
	await interaction.followUp({
		...guardMessage({
			content: `${embed.title?.startsWith('Check') ? 'Check asked' : 'Asked'} for by <@${interaction.user.id}>:`,
			embeds: [chart ? { ...embed, image: { url: `attachment://${CHART_FILE}` } } : withoutImage],
			components: rows,
		}),
		...(chart
			? {
					files: [
						{
							attachment: chart,
							name: CHART_FILE,
							description: message.attachments.first()?.description ?? undefined,
						},
					],
				}
			: {}),
	});
}

/**
 * The reply's chart, fetched back from Discord to post it again (an ephemeral message's files
 * cannot be shared): only from Discord's own file hosts (or the API's host, a Discord-compatible
 * server), bounded in size and time. Null when there is none or it cannot be had: the post then
 * goes without its picture.
 */
async function chartOf(interaction: ButtonInteraction): Promise<Buffer | null> {
	const file = interaction.message.attachments.find((a) => a.name === CHART_FILE);
	if (!file) return null;
	try {
		const url = new URL(file.url);
		const api = new URL(interaction.client.rest.options.api);
		const trusted = ['cdn.discordapp.com', 'media.discordapp.net'].includes(url.hostname) || url.host === api.host;
		if (!trusted || file.size > MAX_CHART_BYTES) return null;
		const response = await fetch(url, { signal: AbortSignal.timeout(CHART_FETCH_MS), redirect: 'error' });
		if (!response.ok) return null;
		const bytes = Buffer.from(await response.arrayBuffer());
		return bytes.byteLength <= MAX_CHART_BYTES ? bytes : null;
	} catch {
		return null;
	}
}
