import { type REST, Routes } from 'discord.js';
import type { MessageFile, SendMessage } from '../digest/runner.js';

/** Posts a message body, and its files as a multipart upload, to a channel over REST (digests). */
export const restSender =
	(rest: REST): SendMessage =>
	(channelId, body, files: readonly MessageFile[] = []) =>
		rest.post(Routes.channelMessages(channelId), {
			body,
			...(files.length > 0
				? {
						files: files.map((f) => ({
							name: f.name,
							data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
							contentType: f.contentType,
						})),
					}
				: {}),
		}) as Promise<{ id: string }>;
