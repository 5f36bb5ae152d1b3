// A bot process reduced to its digest runner, for tests that kill it mid-delivery and restart it.
// Env: DIGEST_DB, API_URL, NOW (ISO), CRASH_AT (intent-recorded | sent | recorded, optional).
import { REST, Routes } from 'discord.js';
import { DigestRunner } from '../../src/digest/runner.js';
import { DigestStore } from '../../src/digest/store.js';
import { createLogger } from '../../src/logger.js';
import { loadGazetteer } from '../../src/data/gazetteer.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { createLibrary } from '../../src/library/createLibrary.js';
import { localData } from '../../src/service/dataSource.js';

const env = process.env as Record<string, string>;
const library = createLibrary([loadDataset('data/nk-travel')], loadGazetteer());
const store = new DigestStore(env.DIGEST_DB as string);
const rest = new REST({ api: env.API_URL, retries: 0 }).setToken('MTExMTExMTExMTExMTExMTEx.worker.token');
const now = new Date(env.NOW as string);
const runner = new DigestRunner({
	store,
	data: localData(library),
	send: (channelId, body) => rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id: string }>,
	logger: createLogger('silent'),
	graceMs: 3_600_000,
	onStep: (step) => {
		// A real kill: no exit handlers, no flushing, nothing after this line runs.
		if (step === env.CRASH_AT) process.kill(process.pid, 'SIGKILL');
	},
});
if (!runner.acquire(now)) process.exit(3);
await runner.tick(now);
runner.release();
store.close();
