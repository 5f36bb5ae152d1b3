import { Client, Events, GatewayIntentBits, RESTEvents, type ClientOptions } from 'discord.js';
import { guardMessage } from '../present/outputGuard.js';
import type { BotDeps, Command } from './command.js';
import { createInteractionHandler } from './handleInteraction.js';
import { createMentionHandler } from './handleMention.js';
import { NO_MENTIONS } from './replies.js';

export interface BotOptions {
	token: string;
	/** REST base, e.g. http://127.0.0.1:PORT/api; the gateway address comes from its GET /gateway/bot. */
	apiUrl?: string | undefined;
	commands: readonly Command[];
	deps: BotDeps;
	/** Called once when Discord refuses the bot for good (bad token, disallowed intents). */
	onFatal?: (reason: string) => void;
	/** Extra discord.js client options (tests pass a no-op identify throttler). */
	clientOptions?: Partial<ClientOptions>;
}

export interface Bot {
	client: Client;
	/** Logs in and resolves once the client is ready; rejects with the reason if Discord refuses the bot. */
	start(): Promise<void>;
	/** Stops taking new work: interactions get a short "restarting" reply, mentions are ignored. */
	drain(): void;
	stop(): Promise<void>;
}

/** Guilds + GuildMessages only: mentions of the bot arrive with content without privileged intents. */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

/** Gateway close codes after which reconnecting cannot help, in words a person can act on. */
export function fatalCloseReason(code: number): string {
	switch (code) {
		case 4004:
			return 'Discord refused the token (gateway close 4004): check DISCORD_TOKEN';
		case 4014:
			return 'Discord refused the gateway intents (close 4014): the bot asks only for Guilds and GuildMessages; check the application settings';
		case 4013:
			return 'Discord refused the gateway intents as invalid (close 4013)';
		case 4010:
		case 4011:
			return `Discord refused the shard configuration (close ${code})`;
		case 4012:
			return 'Discord refused the gateway version (close 4012)';
		default:
			return `the Discord gateway closed with code ${code} and will not reconnect`;
	}
}

export function createBot({ token, apiUrl, commands, deps, onFatal, clientOptions = {} }: BotOptions): Bot {
	const client = new Client({
		intents: INTENTS,
		allowedMentions: NO_MENTIONS,
		...clientOptions,
		rest: { ...(apiUrl ? { api: apiUrl } : {}), ...clientOptions.rest },
	});
	let draining = false;
	let fatal: string | null = null;
	let rejectStart: ((error: Error) => void) | null = null;
	const fail = (reason: string) => {
		if (fatal !== null) return;
		fatal = reason;
		deps.logger.fatal({ reason }, 'Discord refused the bot');
		rejectStart?.(new Error(reason));
		onFatal?.(reason);
	};

	const onInteraction = createInteractionHandler(commands, deps);
	const onMention = createMentionHandler(() => client.user?.id, deps);
	client.on(Events.InteractionCreate, (interaction) => {
		if (!draining) return void onInteraction(interaction);
		if (interaction.isRepliable())
			void interaction
				.reply({
					...guardMessage({ content: 'Factdesk is restarting; please ask again in a moment.' }),
					flags: 'Ephemeral',
				})
				.catch(() => undefined);
	});
	client.on(Events.MessageCreate, (message) => {
		if (!draining) void onMention(message);
	});
	client.on(Events.Error, (error) => deps.logger.error({ err: error }, 'discord.js client error'));
	client.on(Events.ShardResume, (shardId, replayed) =>
		deps.logger.info({ shardId, replayed }, 'gateway session resumed'),
	);
	client.on(Events.ShardDisconnect, (event) => fail(fatalCloseReason(event.code)));
	client.rest.on(RESTEvents.Response, (request, response) => {
		// Interaction callbacks and webhooks carry their own tokens; a 401 there is not about ours.
		const path = String(request.path);
		if (response.status === 401 && !path.startsWith('/interactions/') && !path.startsWith('/webhooks/'))
			fail(`Discord refused the token (HTTP 401 on ${request.method} ${request.route})`);
	});

	return {
		client,
		async start() {
			const ready = new Promise<void>((resolve, reject) => {
				rejectStart = reject;
				client.once(Events.ClientReady, () => resolve());
			});
			await Promise.race([client.login(token).then(() => ready), ready]);
			rejectStart = null;
			deps.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'ready');
		},
		drain() {
			draining = true;
		},
		async stop() {
			await client.destroy();
		},
	};
}
