import { ApplicationCommandType } from 'discord.js';
import type { Interaction, RepliableInteraction } from 'discord.js';
import type { BotDeps, Command, MessageCommand, SlashCommand } from './command.js';
import { UserFacingError } from './command.js';
import { asEdit, forCaller } from './caller.js';
import { isPostButton, postCheck } from './postCheck.js';
import { CITE_PREFIX, GENERIC_ERROR, PICK_ID, errorReply } from './replies.js';
import { guardMessage } from '../present/outputGuard.js';
import type { MessageBody } from '../present/presentReply.js';

/** Routes every interaction to its command; no error escapes to discord.js, and the bot keeps running. */
export function createInteractionHandler(commands: readonly Command[], deps: BotDeps) {
	const isMessageCommand = (c: Command): c is MessageCommand => c.data.type === ApplicationCommandType.Message;
	const byName = new Map(commands.filter((c) => !isMessageCommand(c)).map((c) => [c.data.name, c as SlashCommand]));
	const onMessages = new Map(commands.filter(isMessageCommand).map((c) => [c.data.name, c]));
	/**
	 * The /metrics label of an interaction, from a fixed set: a command the bot registers, one of its
	 * buttons or menus by kind, or "other". A custom id carries per-message keys and can be forged, so
	 * it is never a label itself (each would be a series kept for ever).
	 */
	const labelOf = (interaction: Interaction): string => {
		if (interaction.isCommand() || interaction.isAutocomplete()) {
			const name = interaction.commandName;
			return byName.has(name) || onMessages.has(name) ? name : 'other';
		}
		if (interaction.isMessageComponent()) {
			const id = interaction.customId;
			if (isPostButton(id)) return 'button:post';
			if (id.startsWith(CITE_PREFIX)) return 'button:cite';
			if (id.startsWith(PICK_ID)) return 'menu:pick';
		}
		return 'other';
	};

	return async function handleInteraction(interaction: Interaction): Promise<void> {
		const started = performance.now();
		const context = {
			interactionId: interaction.id,
			type: interaction.type,
			command:
				interaction.isCommand() || interaction.isAutocomplete()
					? interaction.commandName
					: interaction.isMessageComponent()
						? interaction.customId
						: null,
			userId: interaction.user.id,
			guildId: interaction.guildId,
			channelId: interaction.channelId,
		};
		let outcome = 'ok';
		try {
			if (interaction.isChatInputCommand()) {
				const command = byName.get(interaction.commandName);
				if (!command) throw new UserFacingError('This command is not known to this version of the bot.');
				await command.execute(interaction, deps);
			} else if (interaction.isAutocomplete()) {
				const command = byName.get(interaction.commandName);
				if (command?.autocomplete) await command.autocomplete(interaction, deps);
				else await interaction.respond([]);
			} else if (interaction.isMessageContextMenuCommand()) {
				const command = onMessages.get(interaction.commandName);
				if (!command) throw new UserFacingError('This command is not known to this version of the bot.');
				await command.execute(interaction, deps);
			} else if (interaction.isButton() && isPostButton(interaction.customId)) {
				// "Post to channel" under an ephemeral check: that check, once, now for everyone.
				await postCheck(interaction);
			} else if (interaction.isButton() && interaction.customId.startsWith(CITE_PREFIX)) {
				const reference = interaction.customId.slice(CITE_PREFIX.length);
				await interaction.reply(await deps.data.request('cite', { reference }));
			} else if (interaction.isStringSelectMenu() && interaction.customId.startsWith(PICK_ID)) {
				const choice = interaction.values[0] ?? '';
				// "factdesk:pick:<key>": a reading of an asked-back question was picked.
				const key = interaction.customId.slice(PICK_ID.length + 1);
				if (/^[0-9a-f]{12}$/.test(key)) deps.gaps?.picked(key);
				const { reply } = await deps.data.request('ask', { question: choice, now: deps.now().getTime() });
				// Where a reporter installed the app themselves, the picked answer keeps its Post button.
				await interaction.update(asEdit(forCaller(interaction, reply)) as MessageBody);
			} else if (interaction.isRepliable()) {
				// A button or menu of an older version of the bot, or a forged one: said so, never silence.
				throw new UserFacingError('This button or menu is not known to this version of the bot.');
			}
		} catch (error) {
			outcome = error instanceof UserFacingError ? 'refused' : 'error';
			if (outcome === 'error') deps.logger.error({ ...context, err: error }, 'interaction failed');
			if (interaction.isRepliable())
				await replyWithError(
					interaction,
					error instanceof UserFacingError ? error.message : GENERIC_ERROR,
					deps,
				);
		} finally {
			const seconds = (performance.now() - started) / 1000;
			deps.logger.info({ ...context, outcome, ms: Math.round(seconds * 1000) }, 'interaction');
			deps.metrics?.interaction(
				interaction.isAutocomplete()
					? 'autocomplete'
					: interaction.isMessageComponent()
						? 'component'
						: 'command',
				labelOf(interaction),
				outcome,
				seconds,
			);
		}
	};
}

/**
 * The error, where the user will see it: in place of a deferred reply's "thinking…" placeholder
 * (which would otherwise stay for ever), as a follow-up once answered, else as the reply.
 */
async function replyWithError(interaction: RepliableInteraction, message: string, deps: BotDeps): Promise<void> {
	try {
		if (interaction.deferred && !interaction.replied) {
			// The placeholder is public and stays so: the same guarded text, without the ephemeral flag.
			await interaction.editReply(guardMessage({ content: message }));
		} else if (interaction.replied) await interaction.followUp(errorReply(message));
		else await interaction.reply(errorReply(message));
	} catch (error) {
		deps.logger.warn({ interactionId: interaction.id, err: error }, 'could not send the error reply');
	}
}
