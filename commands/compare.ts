import { SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, everywhere } from '../src/bot/command.js';
import { replyWhenReady } from '../src/bot/replies.js';
import { AUTOCOMPLETE_TIMEOUT_MS } from '../src/service/dataService.js';

export default {
	data: everywhere(new SlashCommandBuilder())
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
		// A refusal (different units, no single figure) is for the person who asked, not the channel.
		const [a, b] = [interaction.options.getString('a', true), interaction.options.getString('b', true)];
		const answer = deps.data.request('compare', { a, b, now: deps.now().getTime() });
		await replyWhenReady(
			interaction,
			answer.then((c) => c.reply),
		);
	},
	async autocomplete(interaction, deps) {
		const text = interaction.options.getFocused();
		await interaction.respond(
			await deps.data.request('suggest', { text, figuresOnly: true }, AUTOCOMPLETE_TIMEOUT_MS),
		);
	},
} satisfies SlashCommand;
