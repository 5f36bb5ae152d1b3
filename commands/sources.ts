import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { answerReply, toChoices } from '../src/bot/replies.js';
import { normalizePhrase } from '../src/engine/normalize.js';

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
		const engine = deps.engine();
		const source = interaction.options.getString('source');
		const question = source === null ? 'sources' : source.startsWith('source:') ? source : `what did ${source} say`;
		await interaction.reply(answerReply(engine.ask(question, deps.now()), engine.dataset));
	},
	async autocomplete(interaction, deps) {
		const typed = normalizePhrase(interaction.options.getFocused());
		const sources = deps
			.engine()
			.dataset.sources.filter(
				(s) =>
					typed === '' || normalizePhrase([s.outlet, s.originator, ...s.aliases].join(' ')).includes(typed),
			);
		await interaction.respond(
			toChoices(sources.map((s) => ({ label: `${s.originator} — ${s.outlet}`, query: `source:${s.id}` }))),
		);
	},
} satisfies SlashCommand;
