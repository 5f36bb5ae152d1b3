import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { BotDeps, SlashCommand } from './command.js';
import { createInteractionHandler } from './handleInteraction.js';
import { createMentionHandler } from './handleMention.js';
import { NO_MENTIONS } from './replies.js';

export interface BotOptions {
	token: string;
	/** REST base, e.g. http://127.0.0.1:PORT/api; the gateway address comes from its GET /gateway/bot. */
	apiUrl?: string | undefined;
	commands: readonly SlashCommand[];
	deps: BotDeps;
	/** Extra discord.js client options (tests pass a no-op identify throttler). */
	clientOptions?: Partial<ClientOptions>;
}

export interface Bot {
	client: Client;
	/** Logs in and resolves once the client is ready. */
	start(): Promise<void>;
	stop(): Promise<void>;
}

/** Guilds + GuildMessages only: mentions of the bot arrive with content without privileged intents. */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

export function createBot({ token, apiUrl, commands, deps, clientOptions = {} }: BotOptions): Bot {
	const client = new Client({
		intents: INTENTS,
		allowedMentions: NO_MENTIONS,
		...clientOptions,
		rest: { ...(apiUrl ? { api: apiUrl } : {}), ...clientOptions.rest },
	});
	const onInteraction = createInteractionHandler(commands, deps);
	const onMention = createMentionHandler(() => client.user?.id, deps);
	client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
	client.on(Events.MessageCreate, (message) => void onMention(message));
	client.on(Events.Error, (error) => deps.logger.error({ err: error }, 'discord.js client error'));
	client.on(Events.ShardResume, (shardId, replayed) => deps.logger.info({ shardId, replayed }, 'gateway session resumed'));

	return {
		client,
		async start() {
			const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
			await client.login(token);
			await ready;
			deps.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'ready');
		},
		async stop() {
			await client.destroy();
		},
	};
}
