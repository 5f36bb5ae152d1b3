import { SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, everywhere } from '../src/bot/command.js';
import { replyWhenReady } from '../src/bot/replies.js';
import { AUTOCOMPLETE_TIMEOUT_MS } from '../src/service/dataService.js';

export default {
	data: everywhere(new SlashCommandBuilder())
		.setName('sources')
		.setDescription("The sources behind the data, or one source's figures and statements")
		.addStringOption((o) =>
			o
				.setName('source')
				.setDescription('A source, e.g. "Kozlov" or "FSB"')
				.setAutocomplete(true)
				.setMaxLength(200),
		)
		.toJSON(),
	async execute(interaction, deps) {
		const source = interaction.options.getString('source');
		await replyWhenReady(interaction, deps.data.request('sources', { source, now: deps.now().getTime() }));
	},
	async autocomplete(interaction, deps) {
		const typed = interaction.options.getFocused();
		await interaction.respond(await deps.data.request('sourceChoices', { typed }, AUTOCOMPLETE_TIMEOUT_MS));
	},
} satisfies SlashCommand;
