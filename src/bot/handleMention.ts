import type { Message } from 'discord.js';
import type { BotDeps } from './command.js';
import { guardMessage } from '../present/outputGuard.js';
import { answerSent, drawChart, roomForChart, textFirst } from './charts.js';
import { GENERIC_ERROR } from './replies.js';

/** User, role and channel mentions: removed before the text is read as a question. */
const MENTION_MARKUP = /<(?:@[!&]?|#)\d{1,25}>/g;

/**
 * A message that mentions the bot is a question. Discord delivers the content of such messages
 * without the privileged message-content intent; mentions are read from the message's `mentions`.
 */
export function createMentionHandler(botUserId: () => string | undefined, deps: BotDeps) {
	return async function handleMention(message: Message): Promise<void> {
		const me = botUserId();
		if (!me || message.author.bot || !message.mentions.users.has(me)) return;
		const started = performance.now();
		const context = {
			messageId: message.id,
			userId: message.author.id,
			guildId: message.guildId,
			channelId: message.channelId,
		};
		try {
			const question = message.content.replace(MENTION_MARKUP, ' ').trim();
			// A bare mention is a request for help: what every dataset covers.
			const now = deps.now().getTime();
			let outcome = 'help';
			if (question === '') await message.reply(await deps.data.request('help', { now }));
			else {
				const answer = await deps.data.request('ask', { question, now });
				const { status, dataset } = answer;
				// The text answer at once; its chart edited into the same reply when drawn.
				const sent = await message.reply(textFirst(answer, deps, false));
				answerSent(message.client.rest);
				if (answer.chart !== null && deps.charts) {
					// Drawn only where it can be sent (see replyWithAnswer).
					if (roomForChart(message.client.rest)) {
						const charted = await drawChart(answer, deps, false, context);
						if (charted) await sent.edit(charted);
					} else deps.logger.info(context, 'chart left out: requests to Discord kept for answers');
				}
				deps.gaps?.asked(question, dataset, status);
				outcome = status;
			}
			deps.logger.info({ ...context, outcome, ms: Math.round(performance.now() - started) }, 'mention');
		} catch (error) {
			deps.logger.error({ ...context, err: error }, 'mention failed');
			await message.reply(guardMessage({ content: GENERIC_ERROR })).catch(() => undefined);
		}
	};
}
