/** Installed or updated: the browser keeps context menus across restarts, so they are made here only. */
import { createContextMenu } from '@/lib/ask/context-menu';

export function onInstalled(): void {
  createContextMenu();
}
