import { type APIEmbed, type APIMessage, MessageReferenceType, Routes } from 'discord-api-types/v10';
import type { Message, REST } from 'discord.js';
import { cleanText } from '../present/outputGuard.js';
import { UserFacingError } from '../service/errors.js';

/** The text of a message to check, and where it was forwarded from (null: it is the message's own). */
export interface MessageText {
	text: string;
	/** A link to the message it was forwarded from, when Discord says where that is. */
	forwardedFrom: string | null;
	forwarded: boolean;
}

const link = (guildId: string | null | undefined, channelId: string, messageId: string | null | undefined) =>
	messageId ? `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}` : null;

/**
 * A message's text: its own, or, for a forward (which carries none of its own), the forwarded
 * message's, from the snapshot Discord attaches (one forward deep, as Discord keeps it).
 */
export function textOf(message: Pick<Message, 'content' | 'messageSnapshots' | 'reference'>): MessageText {
	const own = message.content.trim();
	const snapshot = message.messageSnapshots.first();
	if (own !== '' || !snapshot) return { text: message.content, forwardedFrom: null, forwarded: false };
	const ref = message.reference;
	return {
		text: snapshot.content,
		forwardedFrom: ref ? link(ref.guildId, ref.channelId, ref.messageId) : null,
		forwarded: true,
	};
}

/** The same, for a message as the REST API returns it. */
export function textOfApiMessage(message: APIMessage): MessageText {
	const own = message.content.trim();
	const snapshot = message.message_snapshots?.[0]?.message;
	if (own !== '' || !snapshot || message.message_reference?.type !== MessageReferenceType.Forward)
		return { text: message.content, forwardedFrom: null, forwarded: false };
	const ref = message.message_reference;
	return {
		text: snapshot.content,
		forwardedFrom: link(ref.guild_id, ref.channel_id ?? '', ref.message_id),
		forwarded: true,
	};
}

/** "https://discord.com/channels/…/…/…": a link to one message, and nothing else. */
const MESSAGE_LINK =
	/^<?https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/channels\/(\d{17,20}|@me)\/(\d{17,20})\/(\d{17,20})>?$/;

/**
 * The message a link names, read through the bot (it must be able to see that channel): for /check
 * given a link instead of a sentence. Null when the text is not one link.
 */
export async function linkedMessage(rest: REST, text: string): Promise<MessageText | null> {
	const match = MESSAGE_LINK.exec(text.trim());
	if (!match) return null;
	const [, , channelId, messageId] = match;
	try {
		return textOfApiMessage((await rest.get(Routes.channelMessage(channelId!, messageId!))) as APIMessage);
	} catch (error) {
		const status = (error as { status?: number }).status;
		if (status === 403 || status === 404)
			throw new UserFacingError(
				'Factdesk cannot read that message (it is not in that channel, or the message is gone). Use "Check numbers" from the message\'s Apps menu instead.',
			);
		throw error;
	}
}

/** The check's embed, saying it checked a forwarded message and (when Discord says) where it came from. */
export function withForwardNote(embed: APIEmbed, from: MessageText): APIEmbed {
	if (!from.forwarded) return embed;
	const where = from.forwardedFrom
		? `[the original message](${from.forwardedFrom})`
		: 'a message whose origin Discord does not give';
	const note = { name: 'Forwarded message', value: cleanText(`Checked the text forwarded from ${where}.`, 1024) };
	const fields = embed.fields ?? [];
	// (A full embed keeps every citation: the note goes to its footer instead.)
	if (fields.length < 25) return { ...embed, fields: [note, ...fields] };
	const footer = `Forwarded message${from.forwardedFrom ? ` from ${from.forwardedFrom}` : ''}`;
	return {
		...embed,
		footer: { ...embed.footer, text: embed.footer?.text ? `${footer} · ${embed.footer.text}` : footer },
	};
}
