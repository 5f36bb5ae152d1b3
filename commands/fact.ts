import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { answerReply, toChoices } from '../src/bot/replies.js';

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
		const { answer, dataset } = deps.library().ask(interaction.options.getString('query', true), deps.now());
		await interaction.reply(answerReply(answer, dataset));
	},
	async autocomplete(interaction, deps) {
		await interaction.respond(toChoices(deps.library().suggest(interaction.options.getFocused(), { limit: 25 })));
	},
} satisfies SlashCommand;
