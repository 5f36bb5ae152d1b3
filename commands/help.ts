import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { helpReply } from '../src/bot/replies.js';

export default {
	data: new SlashCommandBuilder().setName('help').setDescription('What Factdesk knows and how to ask it').toJSON(),
	async execute(interaction, deps) {
		await interaction.reply({ ...helpReply(deps.library(), deps.now()), flags: 'Ephemeral' });
	},
} satisfies SlashCommand;
