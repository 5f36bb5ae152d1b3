import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { answerReply } from '../src/bot/replies.js';

export default {
	data: new SlashCommandBuilder().setName('help').setDescription('What Factdesk knows and how to ask it').toJSON(),
	async execute(interaction, deps) {
		const engine = deps.engine();
		await interaction.reply({ ...answerReply(engine.ask('help', deps.now()), engine.dataset), flags: 'Ephemeral' });
	},
} satisfies SlashCommand;
