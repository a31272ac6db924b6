import type { Page } from '@playwright/test';
import { build } from 'esbuild';

export type WalkthroughInPage = typeof import('./walkthrough-in-page');
declare global {
  interface Window {
    binomeWalkthrough: WalkthroughInPage;
  }
}

let script: Promise<string> | undefined;

/** lib/walkthrough and its in-page harness as one script, built once per run. */
export function walkthroughScript(): Promise<string> {
  script ??= build({
    entryPoints: [new URL('./walkthrough-in-page.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'binomeWalkthrough',
    write: false,
    minify: true,
    logLevel: 'error',
  }).then((result) => result.outputFiles[0]!.text);
  return script;
}

/** Opens a fixture page and puts the resolver in it, as `window.binomeWalkthrough`. */
export async function openWithResolver(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.addScriptTag({ content: await walkthroughScript() });
}
