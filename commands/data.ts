import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { type SlashCommand, UserFacingError, serverOnly } from '../src/bot/command.js';
import type { TableStatus } from '../src/live/refresher.js';
import { guardMessage } from '../src/present/outputGuard.js';
import { type LiveTableView, presentLiveStatus } from '../src/present/presentRefresh.js';

const view = ({ table, status, nextAt, servedFetchedAt }: TableStatus): LiveTableView => ({
	// A table not yet fetched has a record of nothing.
	...(status ?? {
		lastAttemptAt: null,
		lastOutcome: null,
		lastSuccessAt: null,
		lastChangeAt: null,
		lastError: null,
		lastErrorAt: null,
		failures: 0,
	}),
	datasetId: table.datasetId,
	datasetTitle: table.datasetTitle,
	file: table.file,
	url: table.url,
	schedule: table.refresh ? { cron: table.refresh, timezone: table.timezone } : null,
	nextAt,
	servedFetchedAt,
});

export default {
	data: serverOnly(new SlashCommandBuilder())
		.setName('data')
		.setDescription('Live tables: where each comes from and how its refreshes went')
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.addSubcommand((s) =>
			s
				.setName('status')
				.setDescription('Each live table: its source, last attempt and success, next refresh, last refusal'),
		)
		.addSubcommand((s) =>
			s
				.setName('refresh')
				.setDescription('Fetch live tables now, with the usual checks')
				.addStringOption((o) =>
					o
						.setName('dataset')
						.setDescription('The dataset id (all live tables when left out)')
						.setMaxLength(64),
				),
		)
		.toJSON(),
	async execute(interaction, deps) {
		if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
			throw new UserFacingError('Live tables are managed with the Manage Server permission.');
		const refresher = deps.refresher;
		if (!refresher) throw new UserFacingError('This bot does not fetch live tables.');
		if (interaction.options.getSubcommand() === 'status') {
			const embed = presentLiveStatus(refresher.statuses().map(view));
			await interaction.reply({ ...guardMessage({ embeds: [embed] }), flags: MessageFlags.Ephemeral });
			return;
		}
		const wanted = interaction.options.getString('dataset')?.trim().toLowerCase() || null;
		const tables = refresher.tables().filter((t) => wanted === null || t.datasetId === wanted);
		if (tables.length === 0) {
			const ids = [...new Set(refresher.tables().map((t) => t.datasetId))];
			throw new UserFacingError(
				ids.length === 0
					? 'No table names a URL to fetch it from.'
					: `No live table in "${wanted}". Datasets with live tables: ${ids.join(', ')}.`,
			);
		}
		// Each copy is loaded and checked in full: that takes seconds at 100,000 figures.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const lines: string[] = [];
		for (const table of tables) {
			const outcome = await refresher.refresh(table, deps.now);
			const where = `**${table.datasetId}** \`${table.file}\``;
			lines.push(
				outcome.kind === 'unchanged'
					? `${where}: unchanged.`
					: outcome.kind === 'updated'
						? `${where}: ${outcome.note.unchanged ? 'a new copy with the same figures.' : "a new copy, now served; what changed is posted to the dataset's channel."}`
						: `${where}: ${outcome.kind === 'refused' ? 'the new copy was refused' : 'could not be fetched'}; the last good copy stays.\n> ${outcome.reason.split('\n').slice(0, 6).join('\n> ').slice(0, 800)}`,
			);
		}
		void refresher.postNotes(deps.now());
		await interaction.editReply(guardMessage({ content: lines.join('\n').slice(0, 1900) }));
	},
} satisfies SlashCommand;
