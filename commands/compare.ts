import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { answerReply, ephemeralAnswerReply, toChoices } from '../src/bot/replies.js';

export default {
	data: new SlashCommandBuilder()
		.setName('compare')
		.setDescription('Compare two sourced figures: difference, % change and ratio')
		.addStringOption((o) =>
			o
				.setName('a')
				.setDescription('The figure to compare, e.g. "tourists 2025"')
				.setAutocomplete(true)
				.setRequired(true)
				.setMaxLength(500),
		)
		.addStringOption((o) =>
			o
				.setName('b')
				.setDescription('The figure to compare it with, e.g. "tourists 2024"')
				.setAutocomplete(true)
				.setRequired(true)
				.setMaxLength(500),
		)
		.toJSON(),
	async execute(interaction, deps) {
		// Each side is routed to the dataset that has it; figures of two datasets compare when units agree.
		const { answer, dataset } = deps
			.library()
			.compare(interaction.options.getString('a', true), interaction.options.getString('b', true), deps.now());
		// A refusal (different units, no single figure) is for the person who asked, not the channel.
		await interaction.reply(
			answer.status === 'answered' ? answerReply(answer, dataset) : ephemeralAnswerReply(answer, dataset),
		);
	},
	async autocomplete(interaction, deps) {
		await interaction.respond(
			toChoices(deps.library().suggest(interaction.options.getFocused(), { figuresOnly: true, limit: 25 })),
		);
	},
} satisfies SlashCommand;
