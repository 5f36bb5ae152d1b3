import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Engine } from '../engine/createEngine.js';
import type { Logger } from '../logger.js';

/** What every command and handler is given: passed in, never pulled from a global. */
export interface BotDeps {
	/** The current engine (a data reload swaps it). */
	engine(): Engine;
	now(): Date;
	logger: Logger;
}

export interface SlashCommand {
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void>;
	/** Must answer from memory within Discord's 3 seconds; autocomplete cannot be deferred. */
	autocomplete?(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void>;
}

/** An error whose message is written for the user and is safe to show them (ephemerally). */
export class UserFacingError extends Error {
	override name = 'UserFacingError';
}
