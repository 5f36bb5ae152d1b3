import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type {
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	MessageContextMenuCommandInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
	RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { DigestRunner } from '../digest/runner.js';
import type { DigestStore } from '../digest/store.js';
import type { GapRecorder } from './gaps.js';
import type { Refresher } from '../live/refresher.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ReloadOutcome } from '../service/dataService.js';
import type { ChartRenderer } from '../service/chartService.js';
import type { DataSource } from '../service/dataSource.js';

/** Limits on what /digest accepts; the defaults are the documented ones (25 per server, every 5 minutes at most). */
export interface DigestLimits {
	perGuild?: number;
	minIntervalMs?: number;
}

/** What every command and handler is given: passed in, never pulled from a global. */
export interface BotDeps {
	/** Every dataset served, each operation answered off the event loop (a reload swaps what answers). */
	data: DataSource;
	now(): Date;
	logger: Logger;
	/** Present when digests are enabled (a store and the runner that posts them). */
	digests?: { store: DigestStore; runner: DigestRunner; limits?: DigestLimits };
	/** Counts interactions for /metrics; absent in tests that do not look. */
	metrics?: Metrics;
	/** Counts questions the data could not answer (/gaps); absent when FACTDESK_GAPS is false. */
	gaps?: GapRecorder;
	/** Draws answers' charts (a worker in production); absent, answers go without charts. */
	charts?: ChartRenderer;
	/** Loads the data afresh; absent when the bot cannot reload. */
	reload?: () => Promise<ReloadOutcome>;
	/** Fetches live tables and reports on them (/data); absent where the bot has no store. */
	refresher?: Refresher;
}

export interface SlashCommand {
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void>;
	/** Must answer from memory within Discord's 3 seconds; autocomplete cannot be deferred. */
	autocomplete?(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void>;
}

/** A command on a message's "Apps" menu: it acts on that message. */
export interface MessageCommand {
	data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
	execute(interaction: MessageContextMenuCommandInteraction, deps: BotDeps): Promise<void>;
}

export type Command = SlashCommand | MessageCommand;

/** A command builder's install and place settings (slash commands and message commands alike). */
interface Placeable<B> {
	setIntegrationTypes(...types: ApplicationIntegrationType[]): B;
	setContexts(...contexts: InteractionContextType[]): B;
}

/**
 * A command a reporter may use wherever they talk: where the newsroom installed the bot, and, with
 * the app installed to their own account, in other servers, in DMs and in group DMs.
 */
export const everywhere = <B extends Placeable<B>>(builder: B): B =>
	builder
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall)
		.setContexts(InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel);

/** A command for a server that installed the bot (digests, reloads, the data's admin): never a user install. */
export const serverOnly = <B extends Placeable<B>>(builder: B): B =>
	builder.setIntegrationTypes(ApplicationIntegrationType.GuildInstall).setContexts(InteractionContextType.Guild);

export { UserFacingError } from '../service/errors.js';
