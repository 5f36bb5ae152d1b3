import { SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, UserFacingError, everywhere } from '../src/bot/command.js';
import { linkedMessage, withForwardNote } from '../src/bot/forwarded.js';
import { withPostButton } from '../src/bot/postCheck.js';
import { replyWhenReady } from '../src/bot/replies.js';

/** The most of a message /check reads: a long paragraph from a draft. */
export const MAX_CHECK_CHARS = 2000;

export default {
	data: everywhere(new SlashCommandBuilder())
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
		const typed = interaction.options.getString('text', true);
		// A link to a message (a forward included) checks that message's text.
		const linked = await linkedMessage(interaction.client.rest, typed);
		const text = linked ? linked.text.slice(0, MAX_CHECK_CHARS) : typed;
		if (linked && text.trim() === '')
			throw new UserFacingError('That message has no text to check (only attachments or embeds).');
		const checked = deps.data.request('check', { text, now: deps.now().getTime() });
		await replyWhenReady(
			interaction,
			checked.then((c) =>
				withPostButton(
					linked
						? {
								...c.reply,
								embeds: c.reply.embeds?.map((e, i) => (i === 0 ? withForwardNote(e, linked) : e)),
							}
						: c.reply,
				),
			),
		);
	},
} satisfies SlashCommand;
