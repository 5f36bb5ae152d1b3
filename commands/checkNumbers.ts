import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags } from 'discord.js';
import type { MessageCommand } from '../src/bot/command.js';
import { UserFacingError } from '../src/bot/command.js';
import { withPostButton } from '../src/bot/postCheck.js';
import { MAX_CHECK_CHARS } from './check.js';

/** "Check numbers" on any message's Apps menu: the message's claims, judged, for the person who asked. */
export default {
	data: new ContextMenuCommandBuilder().setName('Check numbers').setType(ApplicationCommandType.Message).toJSON(),
	async execute(interaction, deps) {
		const text = interaction.targetMessage.content.slice(0, MAX_CHECK_CHARS);
		if (text.trim() === '')
			throw new UserFacingError('That message has no text to check (only attachments or embeds).');
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const { reply } = await deps.data.request('check', { text, now: deps.now().getTime() });
		await interaction.editReply({ ...withPostButton(reply), flags: undefined });
	},
} satisfies MessageCommand;
