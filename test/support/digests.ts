import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { restSender } from '../../src/bot/postMessage.js';
import { DigestRunner, type RunnerOptions } from '../../src/digest/runner.js';
import { DigestStore } from '../../src/digest/store.js';
import { createLogger } from '../../src/logger.js';
import { LogCapture, TOKEN } from './bot.js';
import { library } from './engine.js';
import { localData } from '../../src/service/dataSource.js';
import { BOT_USER, CHANNEL_ID, type FakeDiscord, GUILD_ID } from './fakeDiscord.js';
import { recentBotMessages } from '../../src/bot/channelHistory.js';

export const tempDb = () => join(mkdtempSync(join(tmpdir(), 'factdesk-')), 'digests.db');

/**
 * A subscription written straight to the store (its own checks only; /digest would refuse an every-second
 * schedule): a daily 08:00 UTC digest to the newsroom channel, unless the test says otherwise.
 */
export const addSubscription = (
	store: DigestStore,
	fields: Partial<Parameters<DigestStore['addSubscription']>[0]> = {},
) =>
	store.addSubscription({
		guildId: GUILD_ID,
		channelId: CHANNEL_ID,
		cron: '0 8 * * *',
		scheduleText: 'daily 08:00',
		timezone: 'UTC',
		createdAt: Date.now(),
		createdBy: 'test',
		...fields,
	});

/** A runner over a real SQLite file that posts through the real REST client to the fake server. */
export function digestRig(server: FakeDiscord, path = tempDb(), options: Partial<RunnerOptions> = {}) {
	const store = new DigestStore(path);
	const logs = new LogCapture();
	const rest = new REST({ api: server.apiUrl, retries: 0 }).setToken(TOKEN);
	const runner = new DigestRunner({
		store,
		data: localData(library),
		send: restSender(rest),
		recent: (channelId) => recentBotMessages(rest, channelId, BOT_USER.id),
		logger: createLogger('info', logs),
		graceMs: 60 * 60_000,
		...options,
	});
	return { store, runner, logs, path, rest };
}
