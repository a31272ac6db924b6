/**
 * A real X display (Xvfb) and real input (xdotool) for what only a person at a desktop can
 * do: press a browser-level keyboard shortcut, open the native right-click menu. Headless
 * Chromium has no accelerators and no native menus, and CDP input never reaches them.
 * Needs Debian's xvfb and xdotool (tests/run-all.ts installs them like Chromium).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';

export class Desktop {
  private constructor(
    readonly display: string,
    private readonly server: ChildProcess,
  ) {}

  static async start(): Promise<Desktop> {
    for (const tool of ['Xvfb', 'xdotool']) {
      if (!findOnPath(tool)) throw new Error(`${tool} is missing: install Debian's "xvfb" and "xdotool" packages.`);
    }
    // A display number nobody uses: one per test process, so parallel runs do not collide.
    let number = 90 + (process.pid % 500);
    while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
    const display = `:${number}`;
    const server = spawn('Xvfb', [display, '-screen', '0', '1400x950x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!existsSync(`/tmp/.X11-unix/X${number}`)) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`Xvfb did not start on ${display}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return new Desktop(display, server);
  }

  private xdotool(...args: string[]): string {
    // A bound on every call: `search --sync` would otherwise wait forever for a missing window.
    return execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: this.display }, encoding: 'utf8', timeout: 15_000 });
  }

  /** Gives the keyboard to the browser window showing `page`, as a click on its title bar would. */
  async focus(page: Page): Promise<void> {
    await page.bringToFront();
    const title = await page.title();
    const ids = this.xdotool('search', '--sync', '--onlyvisible', '--name', title).trim().split('\n');
    this.xdotool('windowfocus', '--sync', ids[ids.length - 1]!);
  }

  /** Presses keys as a person does, e.g. "alt+shift+h". */
  async press(page: Page, keys: string): Promise<void> {
    await this.focus(page);
    this.xdotool('key', '--clearmodifiers', keys);
  }

  /** Types text with the keyboard, into whatever has the focus in `page`'s window. */
  async typeText(page: Page, text: string): Promise<void> {
    await this.focus(page);
    this.xdotool('type', '--delay', '10', text);
  }

  /** Right-clicks `target` (in `page` or one of its frames) where the person sees it on screen. */
  async rightClick(page: Page, target: Locator): Promise<void> {
    await this.focus(page);
    // Relative to the page's viewport, frames included; the window adds its place and its toolbar.
    const box = await target.boundingBox();
    if (!box) throw new Error('Nothing to right-click: the target is not visible');
    const origin = await page.evaluate(() => ({
      x: window.screenX,
      y: window.screenY + window.outerHeight - window.innerHeight,
    }));
    const x = origin.x + box.x + Math.min(box.width / 2, 40);
    const y = origin.y + box.y + box.height / 2;
    this.xdotool('mousemove', '--sync', String(Math.round(x)), String(Math.round(y)));
    this.xdotool('click', '3');
  }

  /** One key, to whatever has the keyboard now (an open native menu, say). */
  key(name: string): void {
    this.xdotool('key', name);
  }

  async stop(): Promise<void> {
    if (this.server.exitCode !== null) return;
    const exited = new Promise((resolve) => this.server.once('exit', resolve));
    this.server.kill();
    await exited;
  }
}

function findOnPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${tool}`));
}
