/** Every `ser` sub-command, in the order `ser --help` lists them. */
import type { CommandSpec } from '../command.js';
import { downloadCommand } from './download.js';

/** The commands. */
export const COMMANDS: readonly CommandSpec[] = [downloadCommand];
