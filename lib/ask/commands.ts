/**
 * The keyboard shortcut (commands API). Alt+Shift+H, "H" for help: Chrome silently leaves
 * a suggested key unassigned when it clashes with one of its own, and Alt+Shift+B (the
 * first choice) is its "focus the bookmarks bar". People change it at
 * chrome://extensions/shortcuts (about:addons → Manage Extension Shortcuts in Firefox).
 */
export const ASK_COMMAND = 'ask-about-page';
export const ASK_SHORTCUT = 'Alt+Shift+H';
