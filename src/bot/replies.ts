import {
	type APIActionRowComponent,
	type APIStringSelectComponent,
	ComponentType,
	MessageFlags,
} from 'discord-api-types/v10';
import type { Dataset } from '../data/types.js';
import type { Answer } from '../engine/answer.js';
import type { Library } from '../library/createLibrary.js';
import { guardMessage } from '../present/outputGuard.js';
import { presentEmbed } from '../present/presentEmbed.js';

/** Every message the bot sends pings nobody: not @everyone, not roles, not the person replied to. */
export { ALLOWED_MENTIONS_NONE as NO_MENTIONS } from '../present/outputGuard.js';

/** The custom id of the "did you mean" / "what the data has" menu. */
export const PICK_ID = 'factdesk:pick';

export { toChoices } from '../present/presentChoices.js';

function pickMenu(answer: Answer): APIActionRowComponent<APIStringSelectComponent>[] {
	const options = (answer.status === 'ambiguous' ? answer.candidates : answer.suggestions)
		.slice(0, 25)
		.map((s) => ({ label: s.label, value: s.query }));
	// Labels and over-long values are clamped by the output guard, like every other message part.
	if (options.length === 0 || answer.status === 'answered') return [];
	const placeholder = answer.status === 'ambiguous' ? 'Did you mean…' : 'What the data does have…';
	return [
		{
			type: ComponentType.ActionRow,
			components: [{ type: ComponentType.StringSelect, custom_id: PICK_ID, placeholder, options }],
		},
	];
}

/** The reply for an answer: its embed, a menu of readings or suggestions when there are any. */
export function answerReply(answer: Answer, dataset: Dataset) {
	return guardMessage({ embeds: [presentEmbed(answer, dataset)], components: pickMenu(answer) });
}

/** The same, seen only by the person who asked (refusals, errors). */
export const ephemeralAnswerReply = (answer: Answer, dataset: Dataset) => ({
	...answerReply(answer, dataset),
	flags: MessageFlags.Ephemeral as const,
});

/** What Factdesk knows and how to ask it: one overview per dataset (at most Discord's 10 embeds). */
export function helpReply(library: Library, now: Date) {
	const embeds = library.datasets.slice(0, 10).map((d) => presentEmbed(library.engine(d.id)!.ask('help', now), d));
	return guardMessage({ embeds });
}

export const errorReply = (content: string) => ({
	...guardMessage({ content }),
	flags: MessageFlags.Ephemeral as const,
});

/** A short text reply only the user sees (admin commands), through the same guard. */
export const ephemeralText = (content: string) => errorReply(content);

export const GENERIC_ERROR = 'Something went wrong on our side while answering. It has been logged; please try again.';
