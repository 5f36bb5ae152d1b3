import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { MAX_EXPRESSION_CHARS } from '../src/engine/calc.js';
import { formatFigureValue } from '../src/present/format.js';
import { guardChoices, guardMessage } from '../src/present/outputGuard.js';
import { presentCalc } from '../src/present/presentCalc.js';

/** The figure name being typed at the end of the expression, if any. */
const TRAILING_NAME = /[a-z0-9_]*$/i;

export default {
	data: new SlashCommandBuilder()
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
		const library = deps.library();
		const { calculator } = library;
		const result = calculator.evaluate(interaction.options.getString('expression', true));
		const embeds = [presentCalc(result, { label: library.labelOf, name: calculator.nameOf })];
		await interaction.reply(
			result.ok ? guardMessage({ embeds }) : { ...guardMessage({ embeds }), flags: 'Ephemeral' },
		);
	},
	async autocomplete(interaction, deps) {
		const library = deps.library();
		const { calculator } = library;
		const typed = interaction.options.getFocused().slice(0, MAX_EXPRESSION_CHARS);
		const partial = (TRAILING_NAME.exec(typed)?.[0] ?? '').toLowerCase();
		const prefix = typed.slice(0, typed.length - partial.length);
		// Names that start with what is typed, then figures whose label matches it (typos included).
		const byName = calculator.namesStartingWith(partial, 25).map((name) => calculator.names.get(name)!);
		const byLabel =
			partial.length >= 3
				? library
						.suggest(partial.replaceAll('_', ' '), { figuresOnly: true, limit: 25 })
						.map((s) => library.figure(s.query))
				: [];
		const figures = [...new Set([...byName, ...byLabel])].filter((f) => f !== undefined);
		await interaction.respond(
			guardChoices(
				figures.map((f) => ({
					name: `${calculator.nameOf(f)} = ${formatFigureValue(f)}`,
					value: `${prefix}${calculator.nameOf(f)}`,
				})),
			),
		);
	},
} satisfies SlashCommand;
