import type { Command } from '../command.ts';

/** Every operator command by name; two-word names ("accounts create") are allowed. */
export const commands: Record<string, Command> = {};
