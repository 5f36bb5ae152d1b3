import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { replyWithAnswer } from '../src/bot/charts.js';
import { AUTOCOMPLETE_TIMEOUT_MS } from '../src/service/dataService.js';

export default {
	data: new SlashCommandBuilder()
		.setName('fact')
		.setDescription('Look up a sourced figure or fact')
		.addStringOption((o) =>
			o
				.setName('query')
				.setDescription('What to look up, e.g. "tourists 2025"')
				.setAutocomplete(true)
				.setRequired(true)
				.setMaxLength(500),
		)
		.toJSON(),
	async execute(interaction, deps) {
		// A chosen suggestion arrives as "figure:<id>"; free text arrives as typed. The engine checks both.
		const question = interaction.options.getString('query', true);
		const answer = deps.data.request('ask', { question, now: deps.now().getTime() });
		// A series, comparison, breakdown or ranking comes with its chart.
		await replyWithAnswer(interaction, deps, answer, false);
		// A chosen suggestion always answers; what was typed and not answered is a gap in the data.
		const { status, dataset } = await answer;
		deps.gaps?.asked(question, dataset, status);
	},
	async autocomplete(interaction, deps) {
		const text = interaction.options.getFocused();
		await interaction.respond(
			await deps.data.request('suggest', { text, figuresOnly: false }, AUTOCOMPLETE_TIMEOUT_MS),
		);
	},
} satisfies SlashCommand;
