/** Every `ser` sub-command, in the order `ser --help` lists them. */
import type { CommandSpec } from '../command.js';
import { downloadCommand } from './download.js';
import { mergeCommand } from './merge.js';

/** The commands. */
export const COMMANDS: readonly CommandSpec[] = [mergeCommand, downloadCommand];
