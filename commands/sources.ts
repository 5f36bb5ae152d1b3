import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { answerReply, toChoices } from '../src/bot/replies.js';
import { normalizePhrase } from '../src/engine/normalize.js';
import { guardMessage } from '../src/present/outputGuard.js';
import { presentLibrary } from '../src/present/presentLibrary.js';

export default {
	data: new SlashCommandBuilder()
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
		const library = deps.library();
		const source = interaction.options.getString('source');
		if (source === null) {
			await interaction.reply(guardMessage({ embeds: [presentLibrary(library.datasets)] }));
			return;
		}
		const question = source.startsWith('source:') ? source : `what did ${source} say`;
		const { answer, dataset } = library.ask(question, deps.now());
		await interaction.reply(answerReply(answer, dataset));
	},
	async autocomplete(interaction, deps) {
		const typed = normalizePhrase(interaction.options.getFocused());
		const { datasets } = deps.library();
		const choices = datasets.flatMap((d) =>
			d.sources
				.filter(
					(s) =>
						typed === '' ||
						normalizePhrase([s.outlet, s.originator, ...s.aliases].join(' ')).includes(typed),
				)
				.map((s) => ({
					label: `${s.originator} — ${s.outlet}`,
					// Qualified by dataset when there are several, as every reference across a library is.
					query: datasets.length > 1 ? `source:${d.id}/${s.id}` : `source:${s.id}`,
				})),
		);
		await interaction.respond(toChoices(choices));
	},
} satisfies SlashCommand;
