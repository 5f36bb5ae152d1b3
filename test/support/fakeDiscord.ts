import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { type BodyError, callbackErrors, invalidFormBody, messageBodyErrors } from './discordValidation.js';

/**
 * A small Discord-compatible server on 127.0.0.1 for tests: REST v10 and a JSON gateway, enough
 * for the real discord.js client to log in, receive events, reply to interactions and messages,
 * resume a session, and meet a 429. It records every REST request so tests assert on the bodies
 * Discord would receive.
 */

export interface RecordedRequest {
	method: string;
	/** Decoded path below /api/v10, e.g. /webhooks/1/tok/messages/@original */
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: unknown;
	/** Files uploaded with the message (multipart/form-data, as Discord takes attachments). */
	files: UploadedFile[];
}

export interface UploadedFile {
	/** The form field: "files[0]", … */
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

interface Fault {
	method: string;
	path: RegExp;
	status: number;
	retryAfter?: number;
	remaining: number;
}

let sequence = 0n;
/** Snowflakes that sort by creation, like Discord's. */
export function snowflake(): string {
	sequence++;
	return String(((BigInt(Date.now()) - 1420070400000n) << 22n) | (sequence & 0x3fffffn));
}

export const BOT_USER = {
	id: '111111111111111111',
	username: 'factdesk',
	discriminator: '0',
	global_name: 'Factdesk',
	avatar: null,
	bot: true,
};
export const HUMAN = {
	id: '222222222222222222',
	username: 'reporter',
	discriminator: '0',
	global_name: 'Reporter',
	avatar: null,
};
export const GUILD_ID = '333333333333333333';
export const CHANNEL_ID = '444444444444444444';
export const APPLICATION_ID = '555555555555555555';
const ALL_PERMISSIONS = '2251799813685247';
/** A server the bot is not in, where a reporter uses the app they installed to their account. */
export const OTHER_GUILD_ID = '666666666666666666';
export const OTHER_CHANNEL_ID = '777777777777777777';
/** A DM between the reporter and a colleague (the bot is not in it). */
export const DM_CHANNEL_ID = '888888888888888888';
/** What a user-installed app may do in a server's channel: view, send, embed, attach (Discord gives it the channel's @everyone permissions). */
const USER_APP_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n));

/**
 * Where an interaction comes from, as Discord describes it for an app installed to a user's account:
 * `server` a server without the bot (optionally one whose channel does not let the app post), `dm`
 * a DM between two people, `group` a group DM. Pass it as an interaction's extra payload.
 */
export function userInstalled(where: 'server' | 'server-readonly' | 'dm' | 'group'): Record<string, unknown> {
	const owners = { authorizing_integration_owners: { 1: HUMAN.id } };
	if (where === 'server' || where === 'server-readonly')
		return {
			...owners,
			context: 0,
			guild_id: OTHER_GUILD_ID,
			channel_id: OTHER_CHANNEL_ID,
			channel: { id: OTHER_CHANNEL_ID, type: 0, guild_id: OTHER_GUILD_ID, name: 'sources' },
			app_permissions: where === 'server' ? USER_APP_PERMISSIONS : String(1n << 10n),
		};
	// In a DM or group DM there is no server and no member: the person is `user`.
	return {
		...owners,
		context: 2,
		guild_id: undefined,
		guild_locale: undefined,
		member: undefined,
		user: HUMAN,
		channel_id: DM_CHANNEL_ID,
		channel:
			where === 'dm'
				? { id: DM_CHANNEL_ID, type: 1, recipients: [HUMAN] }
				: { id: DM_CHANNEL_ID, type: 3, name: 'desk', recipients: [HUMAN], owner_id: HUMAN.id },
		app_permissions: USER_APP_PERMISSIONS,
	};
}

/**
 * A message forwarded from elsewhere, as Discord gives it: no content of its own, a reference of
 * type FORWARD (1) to where it came from, and the forwarded message's snapshot.
 */
export function forwardedMessage(
	channelId: string,
	snapshot: { content: string; embeds?: unknown[] },
	from: { guild_id?: string; channel_id: string; message_id?: string },
): Record<string, unknown> {
	return messageObject(channelId, HUMAN, {
		content: '',
		message_reference: {
			type: 1,
			message_id: from.message_id ?? snowflake(),
			channel_id: from.channel_id,
			...(from.guild_id ? { guild_id: from.guild_id } : {}),
		},
		message_snapshots: [
			{
				message: {
					type: 0,
					content: snapshot.content,
					embeds: snapshot.embeds ?? [],
					attachments: [],
					timestamp: '2026-03-14T09:00:00.000Z',
					edited_timestamp: null,
					flags: 0,
					mentions: [],
					mention_roles: [],
				},
			},
		],
	});
}

/** A message object as Discord returns and dispatches it. */
export function messageObject(
	channelId: string,
	author: object,
	fields: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		id: snowflake(),
		channel_id: channelId,
		author,
		content: '',
		timestamp: new Date().toISOString(),
		edited_timestamp: null,
		tts: false,
		mention_everyone: false,
		mentions: [],
		mention_roles: [],
		attachments: [],
		embeds: [],
		components: [],
		pinned: false,
		type: 0,
		flags: 0,
		...fields,
	};
}

interface Session {
	id: string;
	seq: number;
	log: { s: number; payload: string }[];
	socket: WebSocket | null;
}

export class FakeDiscord {
	readonly requests: RecordedRequest[] = [];
	/** Requests answered 400 because Discord would refuse their body; tests assert this stays empty. */
	readonly rejected: (RecordedRequest & { errors: BodyError[] })[] = [];
	/** How long Discord honours `enforce_nonce` (a few minutes in production); tests may shorten it. */
	nonceWindowMs = 5 * 60_000;
	identifies = 0;
	resumes = 0;
	private readonly faults: Fault[] = [];
	private readonly delays: { method: string; path: RegExp; ms: number }[] = [];
	private readonly waiters: { test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
	private readonly sessions: Session[] = [];
	private readonly sockets = new Set<WebSocket>();
	private readonly wss: WebSocketServer;
	private readonly channelMessages = new Map<
		string,
		{ nonce: string | undefined; createdAt: number; message: Record<string, unknown> }[]
	>();

	/** Channels Discord knows, by the guild they belong to (GET /channels/:id). */
	readonly channelGuilds = new Map<string, string>([[CHANNEL_ID, GUILD_ID]]);
	/** More text channels of the newsroom's guild, beside CHANNEL_ID (add them before the bot connects). */
	private readonly moreChannels: string[] = [];

	/** Adds `count` text channels to the guild, as the bot will see them when it connects; their ids. */
	addChannels(count: number): string[] {
		const ids = Array.from({ length: count }, () => snowflake());
		for (const id of ids) this.channelGuilds.set(id, GUILD_ID);
		this.moreChannels.push(...ids);
		return ids;
	}

	/** A message people posted in a channel (the bot reads it back through GET …/messages/:id). */
	addMessage(channelId: string, message: Record<string, unknown>): void {
		const stored = this.channelMessages.get(channelId) ?? [];
		stored.push({ nonce: undefined, createdAt: Date.now(), message });
		this.channelMessages.set(channelId, stored);
	}

	/** Messages that exist in a channel (a nonce replay does not create one). */
	messagesIn(channelId: string): Record<string, unknown>[] {
		return (this.channelMessages.get(channelId) ?? []).map((m) => m.message);
	}

	private constructor(private readonly server: Server) {
		this.wss = new WebSocketServer({ server });
		this.wss.on('connection', (socket) => this.onConnection(socket));
		server.on('request', (req, res) => void this.onRequest(req, res));
	}

	/** Listens on 127.0.0.1, on `port` when given (a test that starts Discord after the bot). */
	static async start(port = 0): Promise<FakeDiscord> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
		return new FakeDiscord(server);
	}

	get port(): number {
		// (Remembered: a request still in flight while the server closes asks for it too.)
		const address = this.server.address() as AddressInfo | null;
		if (address) this.lastPort = address.port;
		return this.lastPort;
	}
	private lastPort = 0;

	/** The REST base to give discord.js: `rest: { api }`. */
	get apiUrl(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}

	/** Make the next `times` requests matching method and path fail with this status. */
	fail(method: string, path: RegExp, status: number, options: { retryAfter?: number; times?: number } = {}): void {
		this.faults.push({ method, path, status, retryAfter: options.retryAfter, remaining: options.times ?? 1 });
	}

	/** Hold the responses to matching requests for `ms` (a slow Discord). */
	delay(method: string, path: RegExp, ms: number): void {
		this.delays.push({ method, path, ms });
	}

	/** Resolves with the first request (already made or still to come) that passes the test. */
	waitForRequest(test: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
		const done = this.requests.find(test);
		if (done) return Promise.resolve(done);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('timed out waiting for a request')), timeoutMs);
			this.waiters.push({
				test,
				resolve: (r) => {
					clearTimeout(timer);
					resolve(r);
				},
			});
		});
	}

	/** Sends a gateway event to the bot (queued for replay if it is reconnecting). */
	dispatch(t: string, d: unknown): void {
		const session = this.sessions.at(-1);
		if (!session) throw new Error('no gateway session: has the bot logged in?');
		session.seq++;
		const payload = JSON.stringify({ op: 0, t, s: session.seq, d });
		session.log.push({ s: session.seq, payload });
		if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(payload);
	}

	/** Closes the bot's gateway connection with a close code (4000: unknown error, resumable). */
	closeGateway(code: number): void {
		for (const session of this.sessions) session.socket?.close(code, 'test');
	}

	/** An interaction as Discord sends it; returns its id and token for asserting on the callback. */
	interaction(
		type: number,
		data: Record<string, unknown>,
		extra: Record<string, unknown> = {},
	): { id: string; token: string } {
		this.refuseUnregistered(type, data, extra);
		const id = snowflake();
		const token = `itoken-${id}`;
		this.dispatch('INTERACTION_CREATE', {
			id,
			application_id: APPLICATION_ID,
			type,
			data,
			guild_id: GUILD_ID,
			channel_id: CHANNEL_ID,
			channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'newsroom' },
			member: {
				user: HUMAN,
				roles: [],
				permissions: ALL_PERMISSIONS,
				joined_at: '2025-01-01T00:00:00.000Z',
				deaf: false,
				mute: false,
				flags: 0,
			},
			token,
			version: 1,
			app_permissions: ALL_PERMISSIONS,
			locale: 'en-GB',
			guild_locale: 'en-GB',
			entitlements: [],
			authorizing_integration_owners: { 0: GUILD_ID },
			context: 0,
			attachment_size_limit: 8388608,
			...extra,
		});
		return { id, token };
	}

	/** Each interaction's original message as it now is, by interaction token (its reply, then its edits). */
	private readonly originals = new Map<string, Record<string, unknown>>();

	/** The message an interaction's reply made, as Discord holds it now: to click its buttons. */
	original(token: string): Record<string, unknown> | undefined {
		return this.originals.get(token);
	}

	/** Files uploaded with messages, by attachment id: served back at the attachment's URL, as Discord's CDN does. */
	private readonly uploads = new Map<string, { filename: string; contentType: string; data: Buffer }>();

	/** A message as Discord returns it once its files are stored: each an attachment with a URL, embeds pointing at it. */
	private withFiles(message: Record<string, unknown>, files: readonly UploadedFile[]): Record<string, unknown> {
		if (files.length === 0) return message;
		const origin = this.apiUrl.replace(/\/api$/, '');
		const attachments = files.map((f) => {
			const id = snowflake();
			this.uploads.set(id, { filename: f.filename, contentType: f.contentType, data: f.data });
			const url = `${origin}/attachments/${id}/${f.filename}`;
			return {
				id,
				filename: f.filename,
				size: f.data.byteLength,
				url,
				proxy_url: url,
				content_type: f.contentType,
			};
		});
		const urlOf = new Map(attachments.map((a) => [`attachment://${a.filename}`, a.url]));
		const embeds = ((message.embeds as { image?: { url?: string } }[] | undefined) ?? []).map((e) =>
			e.image?.url && urlOf.has(e.image.url) ? { ...e, image: { ...e.image, url: urlOf.get(e.image.url) } } : e,
		);
		return { ...message, attachments, embeds };
	}

	/** Commands registered with PUT …/commands, by name: what Discord would let a user run, and where. */
	readonly registered = new Map<string, { contexts?: number[]; integration_types?: number[]; type?: number }>();

	/**
	 * Discord sends a command's interaction only where it was registered for: in a place (`contexts`:
	 * 0 a server, 1 the bot's DM, 2 a DM or group DM) and by an install (`integration_types`: 0 a
	 * server's, 1 a user's) it lists. Once commands are registered, anything else is refused here, as
	 * Discord would never send it (until then, nothing is checked).
	 */
	private refuseUnregistered(type: number, data: Record<string, unknown>, extra: Record<string, unknown>): void {
		if ((type !== 2 && type !== 4) || this.registered.size === 0) return;
		const command = this.registered.get(String(data.name));
		if (!command) throw new Error(`Discord would not send /${String(data.name)}: it is not registered`);
		const context = (extra.context as number | undefined) ?? 0;
		const owners = Object.keys((extra.authorizing_integration_owners as object | undefined) ?? { 0: GUILD_ID }).map(
			Number,
		);
		const contexts = command.contexts ?? [0, 1, 2];
		const installs = command.integration_types ?? [0];
		if (!contexts.includes(context))
			throw new Error(
				`Discord would not send /${String(data.name)} in context ${context}: registered for ${contexts.join(', ')}`,
			);
		if (!owners.some((o) => installs.includes(o)))
			throw new Error(
				`Discord would not send /${String(data.name)} through install ${owners.join(', ')}: registered for ${installs.join(', ')}`,
			);
	}

	/** A message command (an Apps menu entry, "Check numbers") run on `target`, a message object. */
	messageCommand(
		name: string,
		target: Record<string, unknown>,
		extra: Record<string, unknown> = {},
	): { id: string; token: string } {
		const id = target.id as string;
		return this.interaction(
			2,
			{ id: snowflake(), name, type: 3, target_id: id, resolved: { messages: { [id]: target } } },
			extra,
		);
	}

	/** A slash command with string options. */
	command(name: string, options: Record<string, string>): { id: string; token: string } {
		return this.interaction(2, {
			id: snowflake(),
			name,
			type: 1,
			options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
		});
	}

	/** A slash command with any options (subcommands, channels …) and payload overrides. */
	rawCommand(
		name: string,
		options: unknown[],
		extra: Record<string, unknown> = {},
		resolved?: unknown,
	): { id: string; token: string } {
		return this.interaction(
			2,
			{ id: snowflake(), name, type: 1, options, ...(resolved ? { resolved } : {}) },
			extra,
		);
	}

	/** The member payload of an interaction, with the permissions given. */
	static member(permissions: string): Record<string, unknown> {
		return {
			user: HUMAN,
			roles: [],
			permissions,
			joined_at: '2025-01-01T00:00:00.000Z',
			deaf: false,
			mute: false,
			flags: 0,
		};
	}

	/** An autocomplete request with the focused option. */
	autocomplete(
		name: string,
		focused: string,
		value: string,
		others: Record<string, string> = {},
	): { id: string; token: string } {
		const options = [
			...Object.entries(others).map(([n, v]) => ({ name: n, type: 3, value: v })),
			{ name: focused, type: 3, value, focused: true },
		];
		return this.interaction(4, { id: snowflake(), name, type: 1, options });
	}

	/** A message in the newsroom channel from a human. `mentions` are the users Discord says it mentions. */
	message(content: string, mentions: (typeof BOT_USER)[] = [], extra: Record<string, unknown> = {}): string {
		const message = messageObject(CHANNEL_ID, HUMAN, {
			guild_id: GUILD_ID,
			member: { roles: [], joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
			content,
			mentions,
			...extra,
		});
		this.dispatch('MESSAGE_CREATE', message);
		return message.id as string;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.terminate();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private onConnection(socket: WebSocket): void {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
		socket.on('message', (raw) => {
			const packet = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
			if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
			else if (packet.op === 2) this.identify(socket);
			else if (packet.op === 6) this.resume(socket, packet.d as { session_id: string; seq: number });
		});
	}

	private identify(socket: WebSocket): void {
		this.identifies++;
		const session: Session = { id: `session-${this.identifies}`, seq: 0, log: [], socket };
		this.sessions.push(session);
		this.dispatch('READY', {
			v: 10,
			user: BOT_USER,
			guilds: [{ id: GUILD_ID, unavailable: true }],
			session_id: session.id,
			resume_gateway_url: `ws://127.0.0.1:${this.port}`,
			shard: [0, 1],
			application: { id: APPLICATION_ID, flags: 0 },
		});
		this.dispatch('GUILD_CREATE', {
			id: GUILD_ID,
			name: 'Newsroom',
			icon: null,
			owner_id: HUMAN.id,
			unavailable: false,
			member_count: 2,
			large: false,
			joined_at: '2025-01-01T00:00:00.000Z',
			features: [],
			roles: [
				{
					id: GUILD_ID,
					name: '@everyone',
					permissions: ALL_PERMISSIONS,
					position: 0,
					color: 0,
					hoist: false,
					managed: false,
					mentionable: false,
					flags: 0,
				},
			],
			channels: [CHANNEL_ID, ...this.moreChannels].map((id, position) => ({
				id,
				type: 0,
				name: position === 0 ? 'newsroom' : `desk-${position}`,
				position,
				permission_overwrites: [],
				guild_id: GUILD_ID,
			})),
			threads: [],
			members: [],
			emojis: [],
			stickers: [],
			presences: [],
			voice_states: [],
			stage_instances: [],
			guild_scheduled_events: [],
			preferred_locale: 'en-GB',
		});
	}

	private resume(socket: WebSocket, d: { session_id: string; seq: number }): void {
		const session = this.sessions.find((s) => s.id === d.session_id);
		if (!session) {
			socket.send(JSON.stringify({ op: 9, d: false }));
			return;
		}
		this.resumes++;
		session.socket = socket;
		for (const entry of session.log) if (entry.s > d.seq) socket.send(entry.payload);
		session.seq++;
		socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: session.seq, d: {} }));
	}

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const bytes = Buffer.concat(chunks);
		const raw = bytes.toString('utf8');
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
		const contentType = req.headers['content-type'] ?? '';
		let body: unknown = raw;
		const files: UploadedFile[] = [];
		if (contentType.includes('application/json') && raw !== '') body = JSON.parse(raw);
		else if (contentType.includes('multipart/form-data')) {
			// A message with attachments: the JSON in "payload_json", each file in "files[n]".
			const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
			for (const [field, value] of form) {
				if (typeof value === 'string') {
					if (field === 'payload_json') body = JSON.parse(value);
				} else
					files.push({
						field,
						filename: value.name,
						contentType: value.type,
						data: Buffer.from(await value.arrayBuffer()),
					});
			}
		}
		const request: RecordedRequest = {
			method: req.method ?? 'GET',
			path,
			query: url.searchParams,
			headers: req.headers,
			body,
			files,
		};

		// A file of a message, from its URL (Discord's CDN).
		const upload = /^\/attachments\/(\d+)\/[^/]+$/.exec(path);
		if (request.method === 'GET' && upload) {
			const file = this.uploads.get(upload[1]!);
			if (file)
				res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.byteLength }).end(
					file.data,
				);
			else res.writeHead(404).end();
			return;
		}
		const fault = this.faults.find((f) => f.remaining > 0 && f.method === request.method && f.path.test(path));
		if (fault) {
			fault.remaining--;
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (fault.retryAfter !== undefined) {
				headers['retry-after'] = String(fault.retryAfter);
				headers['x-ratelimit-scope'] = 'user';
			}
			res.writeHead(fault.status, headers).end(
				JSON.stringify({
					message: `fault ${fault.status}`,
					code: 0,
					retry_after: fault.retryAfter ?? 0,
					global: false,
				}),
			);
			return;
		}
		if (this.keepRequests) this.requests.push(request);
		const errors = this.validate(request);
		if (errors.length > 0) {
			this.rejected.push({ ...request, errors });
			res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(invalidFormBody(errors)));
			this.notify(request);
			return;
		}
		this.notify(request);
		const delay = this.delays.find((d) => d.method === request.method && d.path.test(path));
		if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
		const [status, reply] = this.route(request);
		if (reply === undefined) res.writeHead(status).end();
		else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
	}

	/** What Discord would refuse in this request's body (JSON bodies of the message routes). */
	private validate(r: RecordedRequest): BodyError[] {
		if (typeof r.body !== 'object' || r.body === null) return [];
		const attachments = attachmentErrors(r);
		if (attachments.length > 0) return attachments;
		if (r.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path)) return callbackErrors(r.body);
		if (
			/^\/webhooks\/\d+\/[^/]+(\/messages\/[^/]+)?$/.test(r.path) &&
			(r.method === 'POST' || r.method === 'PATCH')
		)
			return messageBodyErrors(r.body);
		if (/^\/channels\/\d+\/messages(\/\d+)?$/.test(r.path) && (r.method === 'POST' || r.method === 'PATCH'))
			return messageBodyErrors(r.body);
		return [];
	}

	/** Called with every request as it comes (a load script times replies by it). */
	onRecorded: ((request: RecordedRequest) => void) | null = null;
	/** Whether requests are kept in `requests` (a long load run keeps none). */
	keepRequests = true;

	private notify(request: RecordedRequest): void {
		this.onRecorded?.(request);
		for (const waiter of [...this.waiters]) {
			if (waiter.test(request)) {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				waiter.resolve(request);
			}
		}
	}

	private route(r: RecordedRequest): [number, unknown] {
		const message = (channelId: string) =>
			this.withFiles(messageObject(channelId, BOT_USER, r.body as Record<string, unknown>), r.files);
		if (r.method === 'GET' && r.path === '/gateway/bot') {
			return [
				200,
				{
					url: `ws://127.0.0.1:${this.port}`,
					shards: 1,
					session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
				},
			];
		}
		const callback = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(r.path);
		if (r.method === 'POST' && callback) {
			// A reply (4) or a deferral (5) makes the interaction's original message; an update (7) edits it.
			const { type, data } = r.body as { type: number; data?: Record<string, unknown> };
			if (type === 4 || type === 5)
				this.originals.set(
					callback[1]!,
					this.withFiles(messageObject(CHANNEL_ID, BOT_USER, { ...data, flags: data?.flags ?? 0 }), r.files),
				);
			if (type === 7) {
				const before = this.originals.get(callback[1]!);
				if (before) this.originals.set(callback[1]!, { ...before, ...data });
			}
			return [204, undefined];
		}
		const original = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(r.path);
		if (original && r.method === 'PATCH') {
			// An edit keeps what it does not set (whether the message is ephemeral, its files unless replaced).
			const before = this.originals.get(original[1]!) ?? messageObject(CHANNEL_ID, BOT_USER, {});
			const edited = {
				...this.withFiles({ ...before, ...(r.body as Record<string, unknown>) }, r.files),
				id: before.id,
				flags: before.flags,
			};
			this.originals.set(original[1]!, edited);
			return [200, edited];
		}
		if (original) return [200, message(CHANNEL_ID)];
		if (r.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(r.path)) return [200, message(CHANNEL_ID)];
		const channel = /^\/channels\/(\d+)\/messages$/.exec(r.path);
		if (r.method === 'POST' && channel) {
			const channelId = channel[1] as string;
			const { nonce, enforce_nonce: enforce } = r.body as { nonce?: string; enforce_nonce?: boolean };
			const stored = this.channelMessages.get(channelId) ?? [];
			// Discord: with enforce_nonce, a nonce seen in the last few minutes returns that message.
			const twin =
				enforce && nonce
					? stored.find((m) => m.nonce === nonce && Date.now() - m.createdAt < this.nonceWindowMs)
					: undefined;
			if (twin) return [200, twin.message];
			const created = message(channelId);
			stored.push({ nonce, createdAt: Date.now(), message: created });
			this.channelMessages.set(channelId, stored);
			return [200, created];
		}
		// A message of the bot's edited (a chart added to a reply): the message as it now is.
		const edited = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(r.path);
		if (r.method === 'PATCH' && edited) return [200, { ...message(edited[1] as string), id: edited[2] }];
		const known = /^\/channels\/(\d+)$/.exec(r.path);
		if (r.method === 'GET' && known) {
			const guildId = this.channelGuilds.get(known[1] as string);
			return guildId
				? [
						200,
						{
							id: known[1],
							type: 0,
							name: 'channel',
							guild_id: guildId,
							position: 0,
							permission_overwrites: [],
						},
					]
				: [404, { message: 'Unknown Channel', code: 10003 }];
		}
		// One message, where the bot can see the channel (Discord: 403 Missing Access elsewhere).
		const one = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(r.path);
		if (r.method === 'GET' && one) {
			if (!this.channelGuilds.has(one[1]!)) return [403, { message: 'Missing Access', code: 50001 }];
			const found = this.messagesIn(one[1]!).find((m) => m.id === one[2]);
			return found ? [200, found] : [404, { message: 'Unknown Message', code: 10008 }];
		}
		const history = /^\/channels\/(\d+)\/messages$/.exec(r.path);
		if (r.method === 'GET' && history) {
			// Newest first, up to `limit` (default 50, at most 100); like Discord, without the nonce.
			const limit = Math.min(100, Math.max(1, Number(r.query.get('limit') ?? 50) || 50));
			return [
				200,
				this.messagesIn(history[1] as string)
					.slice(-limit)
					.reverse()
					.map(({ nonce: _nonce, ...m }) => m),
			];
		}
		if (r.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(r.path)) {
			this.registered.clear();
			for (const c of r.body as {
				name: string;
				contexts?: number[];
				integration_types?: number[];
				type?: number;
			}[])
				this.registered.set(c.name, c);
			return [
				200,
				(r.body as object[]).map((c) => ({
					id: snowflake(),
					application_id: APPLICATION_ID,
					version: snowflake(),
					...c,
				})),
			];
		}
		return [404, { message: 'Unknown route', code: 0 }];
	}
}

/**
 * What Discord refuses, or silently drops, about attachments: an embed image `attachment://NAME`
 * with no file of that name uploaded, a file over 10 MB, and more than 10 files.
 */
function attachmentErrors(r: RecordedRequest): BodyError[] {
	const body = r.body as {
		embeds?: { image?: { url?: string } }[];
		data?: { embeds?: { image?: { url?: string } }[] };
	};
	const embeds = body.embeds ?? body.data?.embeds ?? [];
	const names = new Set(r.files.map((f) => f.filename));
	const errors: BodyError[] = [];
	embeds.forEach((embed, i) => {
		const url = embed.image?.url;
		if (url?.startsWith('attachment://') && !names.has(url.slice('attachment://'.length)))
			errors.push({
				path: ['embeds', i, 'image', 'url'],
				code: 'ATTACHMENT_NOT_FOUND',
				message: `No file named ${url} was uploaded.`,
			});
	});
	if (r.files.length > 10)
		errors.push({ path: ['files'], code: 'BASE_TYPE_MAX_LENGTH', message: 'At most 10 files.' });
	for (const f of r.files)
		if (f.data.byteLength > 10 * 1024 * 1024)
			errors.push({ path: [f.field], code: 'FILE_TOO_LARGE', message: `${f.filename} is over 10 MB.` });
	return errors;
}
