import { SlashCommandBuilder } from 'discord.js';
import { replyWithAnswer } from '../src/bot/charts.js';
import { type SlashCommand, everywhere } from '../src/bot/command.js';
import { AUTOCOMPLETE_TIMEOUT_MS } from '../src/service/dataService.js';

/**
 * A command that takes a question (/fact, /chart): autocomplete suggests figures as it is typed,
 * the answer comes with its chart where it has one, and what was typed and not answered is counted
 * as a gap in the data.
 */
export function questionCommand(options: {
	name: string;
	description: string;
	queryDescription: string;
	/** /chart: say so when there is nothing to chart (or the chart fails); /fact just answers. */
	chartAsked: boolean;
}): SlashCommand {
	return {
		data: everywhere(new SlashCommandBuilder())
			.setName(options.name)
			.setDescription(options.description)
			.addStringOption((o) =>
				o
					.setName('query')
					.setDescription(options.queryDescription)
					.setAutocomplete(true)
					.setRequired(true)
					.setMaxLength(500),
			)
			.toJSON(),
		async execute(interaction, deps) {
			// A chosen suggestion arrives as "figure:<id>"; free text arrives as typed. The engine checks both.
			const question = interaction.options.getString('query', true);
			const answer = deps.data.request('ask', { question, now: deps.now().getTime() });
			await replyWithAnswer(interaction, deps, answer, options.chartAsked);
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
	};
}
