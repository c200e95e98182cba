/** Every `ser` sub-command, in the order `ser --help` lists them. */
import type { AnyCommand } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { calibrateCommand } from './calibrate.js';
import { downloadCommand } from './download.js';
import { evaluateCommand } from './evaluate.js';
import { extractCommand } from './extract.js';
import { listenCommand } from './listen.js';
import { mergeCommand } from './merge.js';
import { plotModelCommand } from './plot-model.js';
import { statsCommand } from './stats.js';
import { trainCommand } from './train.js';
import { tuneCommand } from './tune.js';

/** The commands. */
export const COMMANDS: readonly AnyCommand[] = [
  analyzeCommand,
  evaluateCommand,
  listenCommand,
  calibrateCommand,
  extractCommand,
  mergeCommand,
  trainCommand,
  tuneCommand,
  statsCommand,
  plotModelCommand,
  downloadCommand,
];
