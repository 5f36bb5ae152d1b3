import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, UserFacingError, serverOnly } from '../src/bot/command.js';
import { guardMessage } from '../src/present/outputGuard.js';

export default {
	data: serverOnly(new SlashCommandBuilder())
		.setName('reload')
		.setDescription('Load the dataset afresh from disk (an invalid one is refused; the old data stays)')
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.toJSON(),
	async execute(interaction, deps) {
		if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
			throw new UserFacingError('Reloading the data needs the Manage Server permission.');
		if (!deps.reload) throw new UserFacingError('This bot cannot reload its data.');
		// Loading 100,000 figures takes seconds: defer, and say how it went when it is done.
		await interaction.deferReply({ flags: 'Ephemeral' });
		const outcome = await deps.reload();
		await interaction.editReply(
			guardMessage({
				content: outcome.ok
					? `Reloaded: ${outcome.figures} figures, ${outcome.statements} statements, ${outcome.sources} sources.`
					: `The new data is invalid, so it was not loaded; the bot still serves the previous data.\n\`\`\`\n${outcome.error.replaceAll('```', "'''").slice(0, 1700)}\n\`\`\``,
			}),
		);
	},
} satisfies SlashCommand;
