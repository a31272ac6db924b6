/**
 * What the toolbar button and the shortcut capture of the page: the text selected in it,
 * also inside a frame of the page (web apps often edit in one), as the right-click menu does.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { capturePage, firstSelection } from '@/lib/capture/capture';

let executeScript: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  (browser.tabs as { get: unknown }).get = vi.fn(async (id: number) => ({
    id,
    url: 'https://intranet.example/report',
    title: 'Report',
  }));
  executeScript = vi.fn(async () => [{ frameId: 0, result: '' }]);
  (browser.scripting as { executeScript: unknown }).executeScript = executeScript;
});

describe('capturePage', () => {
  it('reads the text selected inside a frame of the page', async () => {
    executeScript.mockResolvedValue([
      { frameId: 0, result: '' },
      { frameId: 7, result: '  Total of column B \n' },
    ]);
    expect((await capturePage(3))?.selection).toBe('Total of column B');
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 3, allFrames: true } }));
  });

  it('still gives the page without a selection where the page refuses scripts', async () => {
    executeScript.mockRejectedValue(new Error('Cannot access contents of the page'));
    expect(await capturePage(3)).toMatchObject({ url: 'https://intranet.example/report', title: 'Report', selection: '' });
  });
});

describe('firstSelection', () => {
  it('prefers the top frame’s selection, wherever the browser lists it', () => {
    expect(
      firstSelection([
        { frameId: 4, result: 'an old selection in a frame' },
        { frameId: 0, result: 'what the person just selected' },
      ]),
    ).toBe('what the person just selected');
  });

  it('takes the first frame with a selection when the top frame has none', () => {
    expect(
      firstSelection([
        { frameId: 0, result: '   ' },
        { frameId: 2 },
        { frameId: 5, result: 'second frame' },
        { frameId: 9, result: 'third frame' },
      ]),
    ).toBe('second frame');
    expect(firstSelection([])).toBe('');
  });
});
