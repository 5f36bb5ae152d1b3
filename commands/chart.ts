import { SlashCommandBuilder } from 'discord.js';
import { replyWithAnswer } from '../src/bot/charts.js';
import type { SlashCommand } from '../src/bot/command.js';
import fact from './fact.js';

/** /chart: the answer to a question with its chart, or the answer and why there is nothing to chart. */
export default {
	data: new SlashCommandBuilder()
		.setName('chart')
		.setDescription('Chart a series, comparison, breakdown or ranking, e.g. "russians to north korea by year"')
		.addStringOption((o) =>
			o
				.setName('query')
				.setDescription('What to chart, e.g. "purposes of russian trips in 2025"')
				.setAutocomplete(true)
				.setRequired(true)
				.setMaxLength(500),
		)
		.toJSON(),
	async execute(interaction, deps) {
		const question = interaction.options.getString('query', true);
		const answer = deps.data.request('ask', { question, now: deps.now().getTime() });
		await replyWithAnswer(interaction, deps, answer, true);
		const { status, dataset } = await answer;
		deps.gaps?.asked(question, dataset, status);
	},
	// The same suggestions as /fact.
	autocomplete: fact.autocomplete,
} satisfies SlashCommand;
