// A data worker that speaks the service's protocol and gets stuck on demand, for the watchdog's tests:
// a request whose question or text is "hang" spins forever; any other request is answered with what
// it asked and which worker thread answered it.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.postMessage({ type: 'ready', stats: { datasets: 1, figures: 1, statements: 0, sources: 0 } });
parentPort.on('message', ({ id, op, args }) => {
	if (args?.question === 'hang' || args?.text === 'hang') for (;;);
	parentPort.postMessage({ type: 'result', id, ok: true, result: { op, args, threadId } });
});
