import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags } from 'discord.js';
import type { MessageCommand } from '../src/bot/command.js';
import { UserFacingError, everywhere } from '../src/bot/command.js';
import { textOf, withForwardNote } from '../src/bot/forwarded.js';
import { withPostButton } from '../src/bot/postCheck.js';
import { MAX_CHECK_CHARS } from './check.js';

/** "Check numbers" on any message's Apps menu: the message's claims, judged, for the person who asked. */
export default {
	data: everywhere(new ContextMenuCommandBuilder())
		.setName('Check numbers')
		.setType(ApplicationCommandType.Message)
		.toJSON(),
	async execute(interaction, deps) {
		// A forwarded message carries no text of its own: the forwarded one's is checked.
		const message = textOf(interaction.targetMessage);
		const text = message.text.slice(0, MAX_CHECK_CHARS);
		if (text.trim() === '')
			throw new UserFacingError(
				`That ${message.forwarded ? 'forwarded message' : 'message'} has no text to check (only attachments or embeds).`,
			);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const { reply } = await deps.data.request('check', { text, now: deps.now().getTime() });
		const noted = { ...reply, embeds: reply.embeds?.map((e, i) => (i === 0 ? withForwardNote(e, message) : e)) };
		await interaction.editReply({ ...withPostButton(noted), flags: undefined });
	},
} satisfies MessageCommand;
