import { SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, everywhere } from '../src/bot/command.js';
import { MAX_EXPRESSION_CHARS } from '../src/engine/calc.js';
import { replyWhenReady } from '../src/bot/replies.js';
import { AUTOCOMPLETE_TIMEOUT_MS } from '../src/service/dataService.js';

export default {
	data: everywhere(new SlashCommandBuilder())
		.setName('calc')
		.setDescription('Arithmetic over sourced figures, e.g. ru_nk_2025_total / ru_nk_2024_total - 1')
		.addStringOption((o) =>
			o
				.setName('expression')
				.setDescription('Figure names (suggested as you type), numbers, + − × ÷ ^ %, round abs min max sqrt')
				.setRequired(true)
				.setAutocomplete(true)
				.setMaxLength(MAX_EXPRESSION_CHARS),
		)
		.toJSON(),
	async execute(interaction, deps) {
		const expression = interaction.options.getString('expression', true);
		const result = deps.data.request('calc', { expression });
		await replyWhenReady(
			interaction,
			result.then((r) => r.reply),
		);
	},
	async autocomplete(interaction, deps) {
		const typed = interaction.options.getFocused();
		await interaction.respond(await deps.data.request('calcChoices', { typed }, AUTOCOMPLETE_TIMEOUT_MS));
	},
} satisfies SlashCommand;
