import {
	ChannelType,
	type ChatInputCommandInteraction,
	PermissionFlagsBits,
	Routes,
	SlashCommandBuilder,
} from 'discord.js';
import { type BotDeps, type SlashCommand, UserFacingError, serverOnly } from '../src/bot/command.js';
import { ephemeralText } from '../src/bot/replies.js';
import { guardChoices, guardMessage } from '../src/present/outputGuard.js';
import {
	DEFAULT_MIN_INTERVAL_MS,
	ScheduleError,
	checkSchedule,
	formatInZone,
	nextRuns,
	parseSchedule,
	parseTimezone,
} from '../src/digest/schedule.js';
import { type Subscription, isBusy } from '../src/digest/store.js';

/** Digests one server may have at once. */
export const MAX_SUBSCRIPTIONS_PER_GUILD = 25;

const ZONES = Intl.supportedValuesOf('timeZone');

function requireAdmin(interaction: ChatInputCommandInteraction, deps: BotDeps) {
	// default_member_permissions hides the command; a server can override that, so check again here.
	if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
		throw new UserFacingError('Managing digests needs the Manage Server permission.');
	}
	if (!deps.digests) throw new UserFacingError('Digests are not enabled on this bot.');
	return { guildId: interaction.guildId, ...deps.digests };
}

/**
 * The channel as Discord knows it, which must belong to this server: the option's resolved data is
 * attached to the interaction's guild by discord.js whatever it says, so ask Discord.
 */
async function channelInGuild(
	interaction: ChatInputCommandInteraction,
	channelId: string,
	guildId: string,
): Promise<void> {
	const channel = (await interaction.client.rest.get(Routes.channel(channelId)).catch(() => null)) as {
		guild_id?: string;
	} | null;
	if (channel?.guild_id !== guildId)
		throw new UserFacingError(
			'That channel is not in this server, or the bot cannot see it. Pick a text channel of this server.',
		);
}

function describe(s: Subscription, now: Date, store: NonNullable<BotDeps['digests']>['store']): string {
	const last = store.lastSent(s.id);
	const missed = store.lastMissed(s.id);
	const next = s.pausedReason === null ? nextRuns({ cron: s.cron, timezone: s.timezone }, now, 1)[0] : undefined;
	return [
		`**#${s.id}** <#${s.channelId}> · \`${s.scheduleText}\` (${s.timezone})`,
		s.pausedReason
			? `  ⏸ PAUSED: ${s.pausedReason}. Fix it, then unsubscribe and subscribe again.`
			: `  next: ${next ? formatInZone(next, s.timezone) : 'never'}`,
		`  last sent: ${last ? formatInZone(new Date(last.updatedAt), s.timezone) : 'not yet'}${missed ? ` · last missed slot: ${formatInZone(new Date(missed.slotAt), s.timezone)} (${missed.error ?? 'missed'})` : ''}`,
	].join('\n');
}

/** Every /digest reply is deferred first (the store or Discord may be slow), then this edits it. */
const reply = async (interaction: ChatInputCommandInteraction, content: string) => {
	const { content: text, allowedMentions } = ephemeralText(content);
	await interaction.editReply({ content: text, allowedMentions });
};

function ownSubscription(id: number, guildId: string, deps: BotDeps): Subscription {
	const s = deps.digests?.store.subscription(id);
	if (!s || s.guildId !== guildId)
		throw new UserFacingError(`There is no digest #${id} in this server. \`/digest list\` shows them.`);
	return s;
}

type Admin = ReturnType<typeof requireAdmin>;

async function run(
	interaction: ChatInputCommandInteraction,
	deps: BotDeps,
	{ guildId, store, runner, limits }: Admin,
): Promise<void> {
	const now = deps.now();
	switch (interaction.options.getSubcommand(true)) {
		case 'subscribe': {
			const channel = interaction.options.getChannel('channel', true);
			const scheduleText = interaction.options.getString('schedule', true);
			const cron = parseSchedule(scheduleText);
			const timezone = parseTimezone(interaction.options.getString('timezone') ?? 'UTC');
			checkSchedule({ cron, timezone }, now, limits?.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS);
			const cap = limits?.perGuild ?? MAX_SUBSCRIPTIONS_PER_GUILD;
			if (store.countSubscriptions(guildId) >= cap)
				throw new UserFacingError(
					`This server already has ${cap} digests, the most it may have. \`/digest unsubscribe\` one first.`,
				);
			await channelInGuild(interaction, channel.id, guildId);
			const s = store.addSubscription({
				guildId,
				channelId: channel.id,
				cron,
				scheduleText: scheduleText.trim(),
				timezone,
				createdAt: now.getTime(),
				createdBy: interaction.user.id,
			});
			const upcoming = nextRuns({ cron, timezone }, now, 3).map((d) => `• ${formatInZone(d, timezone)}`);
			await reply(
				interaction,
				`Digest #${s.id} will post to <#${channel.id}> on \`${scheduleText.trim()}\` (cron \`${cron}\`, ${timezone}). Next:\n${upcoming.join('\n')}`,
			);
			return;
		}
		case 'list': {
			const list = store.subscriptions(guildId);
			await reply(
				interaction,
				list.length === 0
					? 'No digests in this server yet. `/digest subscribe` adds one.'
					: list.map((s) => describe(s, now, store)).join('\n'),
			);
			return;
		}
		case 'unsubscribe': {
			const id = interaction.options.getInteger('id', true);
			ownSubscription(id, guildId, deps);
			store.removeSubscription(id, guildId, now.getTime());
			await reply(interaction, `Digest #${id} stopped.`);
			return;
		}
		case 'preview': {
			const id = interaction.options.getInteger('id');
			const s =
				id !== null
					? ownSubscription(id, guildId, deps)
					: (store.subscriptions(guildId).find((x) => x.channelId === interaction.channelId) ??
						store.subscriptions(guildId)[0]);
			if (!s)
				throw new UserFacingError(
					'There are no digests in this server to preview. `/digest subscribe` adds one.',
				);
			const { message } = await runner.compose(s, now);
			await interaction.editReply(guardMessage(message));
			return;
		}
		case 'send-now': {
			const s = ownSubscription(interaction.options.getInteger('id', true), guildId, deps);
			const sent = await runner.deliver(s, now.getTime(), now, 'manual');
			await reply(
				interaction,
				sent
					? `Digest #${s.id} posted to <#${s.channelId}>.`
					: `Digest #${s.id} could not be posted and is paused: ${store.subscription(s.id)?.pausedReason ?? 'see /digest list'}.`,
			);
			return;
		}
	}
}

export default {
	data: serverOnly(new SlashCommandBuilder())
		.setName('digest')
		.setDescription('Scheduled digests of the key figures, posted to a channel')
		.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
		.addSubcommand((c) =>
			c
				.setName('subscribe')
				.setDescription('Post a digest to a channel on a schedule')
				.addChannelOption((o) =>
					o
						.setName('channel')
						.setDescription('Where to post')
						.addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
						.setRequired(true),
				)
				.addStringOption((o) =>
					o
						.setName('schedule')
						.setDescription(
							'"weekdays 08:00", "daily 7:30", "weekly mon 09:00", or cron such as "0 8 * * 1-5"',
						)
						.setRequired(true)
						.setMaxLength(100),
				)
				.addStringOption((o) =>
					o
						.setName('timezone')
						.setDescription('IANA time zone, e.g. Asia/Seoul (default UTC)')
						.setAutocomplete(true)
						.setMaxLength(64),
				),
		)
		.addSubcommand((c) =>
			c.setName('list').setDescription('The digests in this server, with their next run and any problem'),
		)
		.addSubcommand((c) =>
			c
				.setName('unsubscribe')
				.setDescription('Stop a digest')
				.addIntegerOption((o) =>
					o
						.setName('id')
						.setDescription('The digest number from /digest list')
						.setRequired(true)
						.setAutocomplete(true)
						.setMinValue(1),
				),
		)
		.addSubcommand((c) =>
			c
				.setName('preview')
				.setDescription('See the next digest (only you)')
				.addIntegerOption((o) =>
					o.setName('id').setDescription('The digest number').setAutocomplete(true).setMinValue(1),
				),
		)
		.addSubcommand((c) =>
			c
				.setName('send-now')
				.setDescription('Post a digest now')
				.addIntegerOption((o) =>
					o
						.setName('id')
						.setDescription('The digest number')
						.setRequired(true)
						.setAutocomplete(true)
						.setMinValue(1),
				),
		)
		.toJSON(),

	async execute(interaction, deps) {
		const admin = requireAdmin(interaction, deps);
		await interaction.deferReply({ flags: 'Ephemeral' });
		try {
			await run(interaction, deps, admin);
		} catch (error) {
			// Refusals and a busy store are answered in the deferred reply; anything else is the handler's.
			const message =
				error instanceof UserFacingError || error instanceof ScheduleError
					? error.message
					: isBusy(error)
						? 'The digest database is busy (another process holds a lock on it). Please try again in a moment.'
						: null;
			if (message === null) throw error;
			await reply(interaction, message);
		}
	},
	async autocomplete(interaction, deps) {
		const focused = interaction.options.getFocused(true);
		if (focused.name === 'timezone') {
			const typed = String(focused.value).toLowerCase();
			await interaction.respond(
				guardChoices(ZONES.filter((z) => z.toLowerCase().includes(typed)).map((z) => ({ name: z, value: z }))),
			);
			return;
		}
		const list = interaction.guildId && deps.digests ? deps.digests.store.subscriptions(interaction.guildId) : [];
		await interaction.respond(
			guardChoices(
				list.map((s) => ({
					name: `#${s.id} ${s.scheduleText} (${s.timezone})${s.pausedReason ? ' — paused' : ''}`,
					value: s.id,
				})),
			),
		);
	},
} satisfies SlashCommand;
