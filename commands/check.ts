import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.js';
import { withPostButton } from '../src/bot/postCheck.js';
import { replyWhenReady } from '../src/bot/replies.js';

/** The most of a message /check reads: a long paragraph from a draft. */
export const MAX_CHECK_CHARS = 2000;

export default {
	data: new SlashCommandBuilder()
		.setName('check')
		.setDescription('Check the numbers in a sentence against the data: matches, differs, disputed or not in data')
		.addStringOption((o) =>
			o
				.setName('text')
				.setDescription('The sentence to check, e.g. "9,985 Russians visited North Korea in 2025"')
				.setRequired(true)
				.setMaxLength(MAX_CHECK_CHARS),
		)
		.toJSON(),
	async execute(interaction, deps) {
		const text = interaction.options.getString('text', true);
		const checked = deps.data.request('check', { text, now: deps.now().getTime() });
		await replyWhenReady(
			interaction,
			checked.then((c) => withPostButton(c.reply)),
		);
	},
} satisfies SlashCommand;
