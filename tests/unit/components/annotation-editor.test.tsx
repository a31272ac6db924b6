/**
 * The annotation editor without a mouse (Preact on linkedom): add a number and a box, move them
 * with the arrow keys, size the box with Shift, write captions, delete with the Delete key, and
 * stop at PICTURE_LIMITS.marks. Every mark it makes is one the receiver's schema admits.
 */
import { act } from 'preact/test-utils';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationEditor } from '@/components/picture/AnnotationEditor';
import { PICTURE_LIMITS, type PictureMark, pictureMarkSchema } from '@/lib/conversation/annotated-picture';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

let latest: PictureMark[] = [];
/** linkedom has no focus: the element last given it is recorded instead. */
let focused: Element | null = null;

function Harness({ initial = [] }: { initial?: PictureMark[] }) {
  const [marks, setMarks] = useState<PictureMark[]>(initial);
  return (
    <AnnotationEditor
      image="blob:picture"
      marks={marks}
      onChange={(next) => {
        latest = next;
        setMarks(next);
      }}
    />
  );
}

const buttonNamed = (name: string) =>
  [...document.querySelectorAll('button')].find((button) => button.textContent === name) as HTMLButtonElement | undefined;
const markButtons = () => [...document.querySelectorAll<HTMLButtonElement>('button[data-mark-index]')];

async function click(button: HTMLButtonElement | undefined): Promise<void> {
  expect(button, 'the button is there').toBeDefined();
  await act(() => {
    button!.dispatchEvent(new Event('click', { bubbles: true }));
  });
}

async function press(target: Element, key: string, shiftKey = false): Promise<void> {
  const event = new Event('keydown', { bubbles: true, cancelable: true });
  Object.assign(event, { key, shiftKey });
  await act(() => {
    target.dispatchEvent(event);
  });
}

async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  await act(() => {
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  pageToRenderIn();
  speak('en');
  latest = [];
  focused = null;
  Object.assign((window as unknown as { HTMLElement: typeof HTMLElement }).HTMLElement.prototype, {
    focus(this: Element) {
      focused = this;
    },
  });
});
afterEach(unmountShown);

describe('the annotation editor from the keyboard', () => {
  it('adds, moves, sizes, captions and deletes marks with no mouse', async () => {
    await show(<Harness />);
    await click(buttonNamed('Add a number'));
    await click(buttonNamed('Add a box'));
    expect(latest.map((mark) => mark.shape)).toEqual(['marker', 'box']);
    const [marker, box] = markButtons();
    expect(marker!.getAttribute('aria-label')).toBe('Mark 1 of 2: a number on the picture');
    expect(box!.getAttribute('aria-label')).toBe('Mark 2 of 2: a box on the picture');
    // The new mark has the focus, so the arrows move it at once.
    expect(focused).toBe(box);

    const before = latest[0]!;
    await press(marker!, 'ArrowRight');
    await press(marker!, 'ArrowDown');
    expect(latest[0]!.x).toBeCloseTo(before.x + 0.01);
    expect(latest[0]!.y).toBeCloseTo(before.y + 0.01);

    const boxBefore = latest[1]!;
    await press(markButtons()[1]!, 'ArrowRight', true);
    expect(latest[1]!.width).toBeCloseTo(boxBefore.width + 0.01);
    expect(latest[1]!.x).toBe(boxBefore.x);

    const captions = [...document.querySelectorAll<HTMLInputElement>('.mark-captions input')];
    expect(captions.map((input) => document.querySelector(`label[for="${input.id}"]`)?.textContent)).toEqual([
      'What to do at number 1',
      'What to do at number 2',
    ]);
    await type(captions[0]!, 'Click “Start a post”');
    expect(latest[0]!.caption).toBe('Click “Start a post”');

    await press(markButtons()[0]!, 'Delete');
    expect(latest).toHaveLength(1);
    expect(latest[0]!.shape).toBe('box');
    expect(document.querySelector('[role="status"]')?.textContent).toContain('Number 1 deleted.');
    for (const mark of latest) expect(pictureMarkSchema.safeParse(mark).success).toBe(true);
  });

  it('keeps a mark inside the picture however far the arrows push it', async () => {
    await show(<Harness />);
    await click(buttonNamed('Add a box'));
    for (let step = 0; step < 120; step++) await press(markButtons()[0]!, 'ArrowRight');
    for (let step = 0; step < 120; step++) await press(markButtons()[0]!, 'ArrowDown', true);
    const [box] = latest;
    expect(box!.x + box!.width).toBeLessThanOrEqual(1 + 1e-9);
    expect(box!.y + box!.height).toBeLessThanOrEqual(1 + 1e-9);
    expect(pictureMarkSchema.safeParse(box).success).toBe(true);
  });

  it(`stops at ${PICTURE_LIMITS.marks} marks and says why`, async () => {
    const full = Array.from(
      { length: PICTURE_LIMITS.marks },
      (_, index): PictureMark => ({
        shape: 'marker',
        x: index / 40,
        y: 0.5,
        width: 0,
        height: 0,
        caption: '',
      }),
    );
    await show(<Harness initial={full} />);
    expect(buttonNamed('Add a number')?.disabled).toBe(true);
    expect(buttonNamed('Add a box')?.disabled).toBe(true);
    expect(document.body.textContent).toContain(`A picture can have at most ${PICTURE_LIMITS.marks} numbers.`);
  });
});
