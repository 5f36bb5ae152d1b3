import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { guardMessage } from '../src/present/outputGuard.js';
import { presentEmbed } from '../src/present/presentEmbed.js';

export default {
	data: new SlashCommandBuilder().setName('help').setDescription('What Factdesk knows and how to ask it').toJSON(),
	async execute(interaction, deps) {
		const library = deps.library();
		// One overview per dataset (at most Discord's 10 embeds), so a library's help names all of them.
		const embeds = library.datasets
			.slice(0, 10)
			.map((d) => presentEmbed(library.engine(d.id)!.ask('help', deps.now()), d));
		await interaction.reply({ ...guardMessage({ embeds }), flags: 'Ephemeral' });
	},
} satisfies SlashCommand;
