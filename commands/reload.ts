import { PermissionFlagsBits, SlashCommandBuilder, InteractionContextType } from 'discord.js';
import { type SlashCommand, UserFacingError } from '../src/bot/command.js';
import { ephemeralText } from '../src/bot/replies.js';

export default {
	data: new SlashCommandBuilder()
		.setName('reload')
		.setDescription('Load the dataset afresh from disk (an invalid one is refused; the old data stays)')
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.setContexts(InteractionContextType.Guild)
		.toJSON(),
	async execute(interaction, deps) {
		if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
			throw new UserFacingError('Reloading the data needs the Manage Server permission.');
		if (!deps.reload) throw new UserFacingError('This bot cannot reload its data.');
		const outcome = deps.reload();
		await interaction.reply(
			ephemeralText(
				outcome.ok
					? `Reloaded: ${outcome.figures} figures, ${outcome.statements} statements, ${outcome.sources} sources.`
					: `The new data is invalid, so it was not loaded; the bot still serves the previous data.\n\`\`\`\n${outcome.error.replaceAll('```', "'''").slice(0, 1700)}\n\`\`\``,
			),
		);
	},
} satisfies SlashCommand;
