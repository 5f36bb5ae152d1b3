import { InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { BaseInteraction } from 'discord.js';
import { type MessageBody, withPostRow } from '../present/presentReply.js';
import { withPostButton, withoutPostButtons } from './postCheck.js';

/**
 * Whether an interaction comes from a reporter's own install of the app rather than from a server
 * that installed the bot: another server (Discord names no guild install for it), the bot's DM, a
 * DM or a group DM. There an answer is for the person who asked, until they post it.
 */
export function answersPrivately(interaction: BaseInteraction): boolean {
	// (An interaction without a context, from before Discord sent one: a DM has no guild.)
	if (interaction.context === null) return !interaction.inGuild();
	return (
		interaction.context !== InteractionContextType.Guild ||
		interaction.authorizingIntegrationOwners.guildId === null
	);
}

/**
 * Whether the app may post where it was asked: in a DM or group DM an answer can always be shared
 * there; in a server, where the app's permissions in the channel let it send messages.
 */
export function canPostHere(interaction: BaseInteraction): boolean {
	if (interaction.context !== null && interaction.context !== InteractionContextType.Guild) return true;
	return interaction.appPermissions?.has(PermissionFlagsBits.SendMessages) ?? false;
}

/**
 * A reply as the person who asked should get it: where the newsroom installed the bot, as it is;
 * elsewhere only for them (ephemeral), with a "Post to channel" button where the channel allows it.
 */
export function forCaller<Body extends MessageBody>(
	interaction: BaseInteraction,
	body: Body,
): Body & { flags?: MessageFlags.Ephemeral } {
	if (!answersPrivately(interaction)) return body;
	const posted = canPostHere(interaction) ? withPostButton(withPostRow(body)) : withoutPostButton(body);
	return { ...posted, flags: MessageFlags.Ephemeral };
}

/** A body as an edit or an update takes it: whether the message is ephemeral was settled when it was sent. */
export function asEdit<Body extends { flags?: unknown }>(body: Body): Omit<Body, 'flags'> {
	const rest: Body = { ...body };
	delete rest.flags;
	return rest;
}

/** A reply without its post button (a check's), where the channel would refuse the post. */
function withoutPostButton<Body extends MessageBody>(body: Body): Body {
	return body.components ? { ...body, components: withoutPostButtons(body.components) as Body['components'] } : body;
}
