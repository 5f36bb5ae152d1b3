import type { SlashCommand } from '../src/bot/command.js';
import calc from './calc.js';
import compare from './compare.js';
import digest from './digest.js';
import fact from './fact.js';
import help from './help.js';
import reload from './reload.js';
import sources from './sources.js';

/** Every command, in one explicit list: deploy registers it and dispatch routes by it. */
export const commands: readonly SlashCommand[] = [fact, compare, calc, sources, help, digest, reload];
