import {
	type APIActionRowComponent,
	type APIButtonComponent,
	type APIEmbed,
	type APIStringSelectComponent,
	ButtonStyle,
	ComponentType,
	MessageFlags,
} from 'discord-api-types/v10';
import type { Dataset } from '../data/types.js';
import { type Answer, figuresOf } from '../engine/answer.js';
import type { MessageCheck } from '../library/checkClaims.js';
import type { Library } from '../library/createLibrary.js';
import { presentCheckEmbed } from './presentCheck.js';
import { gapKey } from './presentGaps.js';
import type { ALLOWED_MENTIONS_NONE } from './outputGuard.js';
import { guardMessage } from './outputGuard.js';
import { MESSAGE_LIMITS, truncate } from './limits.js';
import { presentEmbed } from './presentEmbed.js';
import type { Chart } from './chart.js';

/** The custom id of the "did you mean" / "what the data has" menu. */
export const PICK_ID = 'factdesk:pick';

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
			// An ask-back carries its question's key, so a pick is counted against it (/gaps).
			components: [
				{
					type: ComponentType.StringSelect,
					custom_id: answer.status === 'ambiguous' ? `${PICK_ID}:${gapKey(answer.question)}` : PICK_ID,
					placeholder,
					options,
				},
			],
		},
	];
}

/** The custom id prefix of the Cite button: "cite:" and the figure it cites, "nk-travel/ru-nk-2025-total". */
export const CITE_PREFIX = 'cite:';
/** Discord's limit on a custom id. */
const MAX_CUSTOM_ID = 100;

/** A Cite button for the figure an answer leads with; none when there is no figure, or no room to name it. */
function citeButton(answer: Answer, dataset: Dataset): APIActionRowComponent<APIButtonComponent>[] {
	const body = answer.status === 'answered' ? answer.body : null;
	const lead = body ? figuresOf(body)[0] : undefined;
	const customId = lead ? `${CITE_PREFIX}${dataset.id}/${lead.id}` : '';
	if (!lead || customId.length > MAX_CUSTOM_ID) return [];
	const button: APIButtonComponent = {
		type: ComponentType.Button,
		style: ButtonStyle.Secondary,
		custom_id: customId,
		label: 'Cite',
	};
	return [{ type: ComponentType.ActionRow, components: [button] }];
}

/** The reply for an answer: its embed, a menu of readings or suggestions, or a Cite button for its lead figure. */
export function answerReply(answer: Answer, dataset: Dataset) {
	return guardMessage({
		embeds: [presentEmbed(answer, dataset)],
		components: [...pickMenu(answer), ...citeButton(answer, dataset)],
	});
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

/** The custom id of the button that posts an ephemeral check to the channel. */
export const POST_ID = 'factdesk:post';

const POST_BUTTON: APIButtonComponent = {
	type: ComponentType.Button,
	style: ButtonStyle.Secondary,
	custom_id: POST_ID,
	label: 'Post to channel',
};

/** A check of a message: only the person who asked sees it, with a button to post it to the channel. */
export function checkReply(check: MessageCheck): ReplyBody {
	const row: APIActionRowComponent<APIButtonComponent> = { type: ComponentType.ActionRow, components: [POST_BUTTON] };
	const body = guardMessage({ embeds: [presentCheckEmbed(check)], components: [row] });
	return { ...body, flags: MessageFlags.Ephemeral };
}

/**
 * A reply with a "Post to channel" button: beside the buttons it has (Cite) where the row has room,
 * else in a row of its own. A reply with no embed, or with a post button already, is as it was.
 */
export function withPostRow<Body extends MessageBody>(body: Body): Body {
	const rows = body.components ?? [];
	const hasPost = rows.some((row) => row.components.some((c) => 'custom_id' in c && c.custom_id.startsWith(POST_ID)));
	if (hasPost || !body.embeds?.length) return body;
	const buttons = rows.findIndex(
		(row) => row.components.every((c) => c.type === ComponentType.Button) && row.components.length < 5,
	);
	if (buttons >= 0)
		return {
			...body,
			components: rows.map((row, i) =>
				i === buttons
					? { ...row, components: [...(row.components as APIButtonComponent[]), POST_BUTTON] }
					: row,
			),
		};
	if (rows.length >= 5) return body;
	return { ...body, components: [...rows, { type: ComponentType.ActionRow, components: [POST_BUTTON] }] };
}

/** A message body as sent to Discord: what the data side hands the bot to send (or edit a message to). */
export interface MessageBody {
	content?: string;
	embeds?: APIEmbed[];
	components?: (APIActionRowComponent<APIStringSelectComponent> | APIActionRowComponent<APIButtonComponent>)[];
	allowedMentions: typeof ALLOWED_MENTIONS_NONE;
}

/** An interaction's reply: a message body, perhaps seen only by the person who asked. */
export interface ReplyBody extends MessageBody {
	flags?: MessageFlags.Ephemeral;
}

/** The name a chart is attached under; the embed shows it as `attachment://chart.png`. */
export const CHART_FILE = 'chart.png';

/**
 * The answer with its chart: the first embed shows the attached image, and says the same in words
 * (what is plotted, first and last values, the highest) for whoever cannot see it.
 */
export function withChart(reply: MessageBody, chart: Chart): MessageBody {
	return reply.embeds?.length ? guardMessage({ ...reply, embeds: embedsWithChart(reply.embeds, chart) }) : reply;
}

/**
 * Embeds showing a chart: the first shows the attached image and says the same in words. Replies
 * and digests both; the message's guard then fits them to Discord's limits.
 */
export function embedsWithChart(embeds: readonly APIEmbed[], chart: Chart): APIEmbed[] {
	const [first, ...rest] = embeds;
	if (!first) return [...rest];
	return [
		{
			...first,
			image: { url: `attachment://${CHART_FILE}` },
			fields: [...(first.fields ?? []), { name: 'Chart', value: chart.alt }],
		},
		...rest,
	];
}

/** The image's own alt text (Discord's attachment description): the chart in words. */
export const chartAltText = (chart: Chart): string => truncate(chart.alt, MESSAGE_LIMITS.attachmentDescription);

/** The answer in text, saying why it has no chart (/chart with nothing to chart, or a chart that failed). */
export function withoutChart(reply: MessageBody, reason: string): MessageBody {
	return guardMessage({ ...reply, content: `No chart: ${reason}` });
}
