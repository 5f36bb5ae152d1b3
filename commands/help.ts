import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, everywhere } from '../src/bot/command.js';
import { replyWhenReady } from '../src/bot/replies.js';

export default {
	data: everywhere(new SlashCommandBuilder())
		.setName('help')
		.setDescription('What Factdesk knows and how to ask it')
		.toJSON(),
	async execute(interaction, deps) {
		const help = deps.data.request('help', { now: deps.now().getTime() });
		await replyWhenReady(
			interaction,
			help.then((body) => ({ ...body, flags: MessageFlags.Ephemeral as const })),
		);
	},
} satisfies SlashCommand;
