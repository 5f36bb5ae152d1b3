import { REST, Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { networkErrorCode, unreachable } from './bot/networkError.js';
import { EnvError, loadEnv } from './config/env.js';

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
