import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, UserFacingError, serverOnly } from '../src/bot/command.js';
import { guardMessage } from '../src/present/outputGuard.js';
import { presentGaps } from '../src/present/presentGaps.js';

export default {
	data: serverOnly(new SlashCommandBuilder())
		.setName('gaps')
		.setDescription('The questions the data could not answer, most asked first: what to add')
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.toJSON(),
	async execute(interaction, deps) {
		if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
			throw new UserFacingError('The list of gaps needs the Manage Server permission.');
		const store = deps.digests?.store;
		if (!deps.gaps || !store)
			throw new UserFacingError('Questions are not being counted on this bot (FACTDESK_GAPS=false).');
		const embed = presentGaps(store.gaps(deps.now().getTime()));
		await interaction.reply({ ...guardMessage({ embeds: [embed] }), flags: MessageFlags.Ephemeral });
	},
} satisfies SlashCommand;
