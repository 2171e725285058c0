/**
 * Settings shared by the CLI and the server, with their defaults.
 */

import type { ResolverOptions } from './resolve';

/**
 * The root aliases a collection answers to when none are configured: its folder name and, for
 * a name like `notes-kb`, the part after the last dash (`` `kb/craft/glazes` `` → `craft/glazes`).
 */
export function defaultRootAliases(folderName: string): string[] {
  const aliases = [folderName];
  const dash = folderName.lastIndexOf('-');
  if (dash > 0 && dash < folderName.length - 1) aliases.push(folderName.slice(dash + 1));
  return aliases;
}

export function resolverOptionsFor(folderName: string, configuredAliases: readonly string[] = []): ResolverOptions {
  return { rootAliases: [...new Set([...defaultRootAliases(folderName), ...configuredAliases])] };
}
