import { ApplicationCommandType, ApplicationIntegrationType, REST, Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { networkErrorCode, unreachable } from './bot/networkError.js';
import { EnvError, loadEnv } from './config/env.js';

/** What the bot needs in a server's channels: view them, send (in threads too), embed links, attach files (charts), read history. */
const BOT_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 38n) | (1n << 14n) | (1n << 15n) | (1n << 16n);

/** The link that installs the app to a server (with the bot and its permissions) or to a user's account. */
function installLink(applicationId: string, type: ApplicationIntegrationType): string {
	const server = type === ApplicationIntegrationType.GuildInstall;
	const params = new URLSearchParams({
		client_id: applicationId,
		integration_type: String(type),
		scope: server ? 'bot applications.commands' : 'applications.commands',
		...(server ? { permissions: String(BOT_PERMISSIONS) } : {}),
	});
	return `https://discord.com/oauth2/authorize?${params.toString().replaceAll('+', '%20')}`;
}

/**
 * Registers the slash commands over REST: to one guild when DISCORD_GUILD_ID is set (instant, for
 * development), otherwise globally. Run it when commands change, not on every start: Discord
 * limits daily command creations.
 */
async function main(): Promise<number> {
	let env;
	try {
		env = await loadEnv();
	} catch (error) {
		if (error instanceof EnvError) {
			console.error(`deploy-commands: ${error.message.split('\n').join('; ')}`);
			return 1;
		}
		throw error;
	}
	const rest = new REST({
		...(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL } : {}),
		retries: 1,
		timeout: 15_000,
	}).setToken(env.DISCORD_TOKEN);
	const body = commands.map((c) => c.data);
	const route = env.DISCORD_GUILD_ID
		? Routes.applicationGuildCommands(env.DISCORD_APPLICATION_ID, env.DISCORD_GUILD_ID)
		: Routes.applicationCommands(env.DISCORD_APPLICATION_ID);
	try {
		const registered = (await rest.put(route, { body })) as unknown[];
		console.log(
			`deploy-commands: registered ${registered.length} commands ${env.DISCORD_GUILD_ID ? `to guild ${env.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)'}`,
		);
		const everywhere = body.filter((c) => c.integration_types?.includes(ApplicationIntegrationType.UserInstall));
		console.log(
			[
				'deploy-commands: install links (turn on both under Installation → Installation Contexts in the Developer Portal):',
				`  to a server (the newsroom's: every command, mentions, digests): ${installLink(env.DISCORD_APPLICATION_ID, ApplicationIntegrationType.GuildInstall)}`,
				`  to a reporter's own account (${everywhere.map((c) => (c.type === ApplicationCommandType.Message ? `"${c.name}"` : `/${c.name}`)).join(', ')} in any server, DM or group DM; answers only they see, until they post them): ${installLink(env.DISCORD_APPLICATION_ID, ApplicationIntegrationType.UserInstall)}`,
				...(env.DISCORD_GUILD_ID
					? [
							'  (commands registered to one guild are not offered to user installs elsewhere: deploy globally for those)',
						]
					: []),
			].join('\n'),
		);
		return 0;
	} catch (error) {
		const network = networkErrorCode(error);
		const { status, message } = error as { status?: number; message?: string };
		console.error(
			network
				? `deploy-commands: ${unreachable(network)}`
				: `deploy-commands: Discord refused the registration${status ? ` (HTTP ${status})` : ''}: ${message ?? 'unknown error'}`,
		);
		return 1;
	}
}

process.exitCode = await main();
