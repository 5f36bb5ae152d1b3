/**
 * The checks Discord makes on a message body before accepting it, written from its documentation
 * (Message, Embed limits, Components, Autocomplete): a body that breaks one is answered 400 with
 * Discord's error shape, `{ code: 50035, message: 'Invalid Form Body', errors: { … } }`, so a bug
 * the real Discord would refuse also fails the tests.
 */

/** One refusal: where in the body (Discord's dotted path) and Discord's error code and message. */
export interface BodyError {
	path: (string | number)[];
	code: string;
	message: string;
}

// Written out here on purpose rather than imported from src/present/limits.ts: the fake must hold
// Discord's rules independently, so a wrong limit in the bot is caught rather than copied.
const EMBED = {
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	author: 256,
	total: 6000,
};
const COMPONENT_TYPES = { actionRow: 1, button: 2, stringSelect: 3 };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function checkLength(errors: BodyError[], path: BodyError['path'], value: unknown, min: number, max: number): void {
	if (value === undefined || value === null) {
		if (min > 0) errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
		return;
	}
	const length = text(value).length;
	if (typeof value !== 'string') errors.push({ path, code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
	else if (length < min || length > max)
		errors.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` });
}

function checkEmbeds(errors: BodyError[], embeds: unknown): void {
	if (embeds === undefined) return;
	if (!Array.isArray(embeds))
		return void errors.push({ path: ['embeds'], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
	if (embeds.length > 10)
		errors.push({ path: ['embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
	let total = 0;
	embeds.forEach((embed: unknown, i) => {
		if (!isObject(embed)) return;
		const at = (...rest: (string | number)[]) => ['embeds', i, ...rest];
		if (embed.title !== undefined) checkLength(errors, at('title'), embed.title, 0, EMBED.title);
		if (embed.description !== undefined)
			checkLength(errors, at('description'), embed.description, 0, EMBED.description);
		const footer = isObject(embed.footer) ? embed.footer : null;
		if (footer) checkLength(errors, at('footer', 'text'), footer.text, 1, EMBED.footer);
		const author = isObject(embed.author) ? embed.author : null;
		if (author) checkLength(errors, at('author', 'name'), author.name, 1, EMBED.author);
		const fields = Array.isArray(embed.fields) ? (embed.fields as unknown[]) : [];
		if (fields.length > EMBED.fields)
			errors.push({
				path: at('fields'),
				code: 'BASE_TYPE_MAX_LENGTH',
				message: `Must be ${EMBED.fields} or fewer in length.`,
			});
		fields.forEach((field, j) => {
			const f = isObject(field) ? field : {};
			checkLength(errors, at('fields', j, 'name'), f.name, 1, EMBED.fieldName);
			checkLength(errors, at('fields', j, 'value'), f.value, 1, EMBED.fieldValue);
			total += text(f.name).length + text(f.value).length;
		});
		total +=
			text(embed.title).length +
			text(embed.description).length +
			text(footer?.text).length +
			text(author?.name).length;
	});
	if (total > EMBED.total)
		errors.push({
			path: ['embeds'],
			code: 'MAX_EMBED_SIZE_EXCEEDED',
			message: 'Embed size exceeds maximum size of 6000',
		});
}

function checkComponents(errors: BodyError[], rows: unknown): void {
	if (rows === undefined) return;
	if (!Array.isArray(rows))
		return void errors.push({ path: ['components'], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
	if (rows.length > 5)
		errors.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
	const customIds = new Set<string>();
	rows.forEach((row: unknown, i) => {
		const r = isObject(row) ? row : {};
		if (r.type !== COMPONENT_TYPES.actionRow)
			return void errors.push({
				path: ['components', i, 'type'],
				code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
				message: 'Top-level components must be action rows.',
			});
		const children = Array.isArray(r.components) ? (r.components as unknown[]) : [];
		if (children.length < 1 || children.length > 5)
			errors.push({
				path: ['components', i, 'components'],
				code: 'BASE_TYPE_BAD_LENGTH',
				message: 'Must be between 1 and 5 in length.',
			});
		const selects = children.filter((c) => isObject(c) && c.type !== COMPONENT_TYPES.button).length;
		if (selects > 0 && children.length > 1)
			errors.push({
				path: ['components', i, 'components'],
				code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
				message: 'The specified component exceeds the maximum width',
			});
		children.forEach((child, j) => {
			const c = isObject(child) ? child : {};
			const at = (...rest: (string | number)[]) => ['components', i, 'components', j, ...rest];
			if (c.custom_id !== undefined) {
				checkLength(errors, at('custom_id'), c.custom_id, 1, 100);
				if (customIds.has(text(c.custom_id)))
					errors.push({
						path: at('custom_id'),
						code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
						message: 'Component custom id cannot be duplicated',
					});
				customIds.add(text(c.custom_id));
			}
			if (c.type === COMPONENT_TYPES.button && c.label !== undefined)
				checkLength(errors, at('label'), c.label, 0, 80);
			if (c.type === COMPONENT_TYPES.stringSelect) {
				if (c.placeholder !== undefined) checkLength(errors, at('placeholder'), c.placeholder, 0, 150);
				const options = Array.isArray(c.options) ? (c.options as unknown[]) : [];
				if (options.length < 1 || options.length > 25)
					errors.push({
						path: at('options'),
						code: 'BASE_TYPE_BAD_LENGTH',
						message: 'Must be between 1 and 25 in length.',
					});
				const values = new Set<string>();
				options.forEach((option, k) => {
					const o = isObject(option) ? option : {};
					checkLength(errors, at('options', k, 'label'), o.label, 1, 100);
					checkLength(errors, at('options', k, 'value'), o.value, 1, 100);
					if (o.description !== undefined)
						checkLength(errors, at('options', k, 'description'), o.description, 0, 100);
					if (values.has(text(o.value)))
						errors.push({
							path: at('options', k, 'value'),
							code: 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
							message: 'Select component option values must be unique',
						});
					values.add(text(o.value));
				});
			}
		});
	});
}

/** The errors Discord would give a message body (create, edit, interaction reply or update). */
export function messageBodyErrors(body: unknown): BodyError[] {
	const errors: BodyError[] = [];
	if (!isObject(body)) return errors;
	if (body.content !== undefined && body.content !== null) checkLength(errors, ['content'], body.content, 0, 2000);
	if (body.nonce !== undefined && text(body.nonce).length > 25)
		errors.push({ path: ['nonce'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 0 and 25 in length.' });
	checkEmbeds(errors, body.embeds);
	checkComponents(errors, body.components);
	return errors;
}

/** The errors Discord would give an autocomplete result. */
export function choicesErrors(choices: unknown): BodyError[] {
	const errors: BodyError[] = [];
	if (!Array.isArray(choices)) return [{ path: ['choices'], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
	if (choices.length > 25)
		errors.push({ path: ['choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
	choices.forEach((choice: unknown, i) => {
		const c = isObject(choice) ? choice : {};
		checkLength(errors, ['choices', i, 'name'], c.name, 1, 100);
		if (typeof c.value === 'string') checkLength(errors, ['choices', i, 'value'], c.value, 0, 100);
	});
	return errors;
}

/** The errors for an interaction callback: a message for types 4 and 7, choices for type 8. */
export function callbackErrors(body: unknown): BodyError[] {
	if (!isObject(body)) return [{ path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
	const data = isObject(body.data) ? body.data : {};
	const prefix = (errors: BodyError[]) => errors.map((e) => ({ ...e, path: ['data', ...e.path] }));
	if (body.type === 8) return prefix(choicesErrors(data.choices));
	if (body.type === 4 || body.type === 7) return prefix(messageBodyErrors(data));
	return [];
}

/** Discord's 400 body: errors nested by path, each leaf `{ _errors: [{ code, message }] }`. */
export function invalidFormBody(errors: readonly BodyError[]): Json {
	const nested: Json = {};
	for (const error of errors) {
		let node = nested;
		for (const key of error.path) node = (node[String(key)] ??= {}) as Json;
		((node._errors ??= []) as unknown[]).push({ code: error.code, message: error.message });
	}
	return { code: 50035, message: 'Invalid Form Body', errors: nested };
}
