import { loadGazetteer } from '../../src/data/gazetteer.js';
import { loadDataset } from '../../src/data/loadDataset.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { createLibrary } from '../../src/library/createLibrary.js';

export const DATA_DIR = 'data/nk-travel';
export const dataset = loadDataset(DATA_DIR);
export const gazetteer = loadGazetteer();
export const engine = createEngine(dataset, gazetteer);
/** A fixed clock: "last year" is 2025. */
export const NOW = new Date('2026-03-15T12:00:00Z');
/** The shipped travel dataset as a library of one, as the bot serves it. */
export const library = createLibrary([dataset], gazetteer);
