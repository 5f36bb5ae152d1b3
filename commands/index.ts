import type { Command } from '../src/bot/command.js';
import calc from './calc.js';
import chart from './chart.js';
import check from './check.js';
import checkNumbers from './checkNumbers.js';
import compare from './compare.js';
import data from './data.js';
import digest from './digest.js';
import fact from './fact.js';
import gaps from './gaps.js';
import help from './help.js';
import reload from './reload.js';
import sources from './sources.js';

/** Every command, in one explicit list: deploy registers it and dispatch routes by it. */
export const commands: readonly Command[] = [
	fact,
	compare,
	calc,
	check,
	sources,
	help,
	digest,
	reload,
	data,
	gaps,
	chart,
	checkNumbers,
];
