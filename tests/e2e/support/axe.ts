/**
 * The accessibility gate: axe-core (through @axe-core/playwright) on a page or a frame, with the
 * WCAG 2.2 AA rules, `target-size` and axe's best practices, in the light and the dark theme.
 * Any page of Binôme, or of a later coordinator app, passes through `accessibilityProblems` and
 * fails on what it returns.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

export type ColorScheme = 'light' | 'dark';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue asks every page to meet. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * And axe's best practices: one h1, headings without gaps, content in landmarks. No WCAG
 * criterion fails on them alone, but a screen reader user finds their way by them.
 */
const GATE_TAGS = [...WCAG_AA_TAGS, 'best-practice'];

/** axe ships `target-size` (WCAG 2.5.8, 24 px) switched off; the gate wants it. */
const RULES = { 'target-size': { enabled: true } };

/**
 * AxeBuilder analyses a Page from its main frame. A frame that axe cannot reach from its page's
 * document (Binôme's in-page panel lives in a closed shadow root, invisible to axe in the host
 * page) is analysed as if it were the page: its document is the one that runs axe.
 */
function frameAsPage(frame: Frame): Page {
  // What AxeBuilder's legacy mode (below) calls on its page, and no more.
  const standIn = {
    evaluate: frame.evaluate.bind(frame),
    mainFrame: () => frame,
    frames: () => [frame, ...frame.childFrames()],
  };
  return standIn as unknown as Page;
}

function isFrame(target: Page | Frame): target is Frame {
  return 'parentFrame' in target;
}

/** axe's violations on `target` as it is drawn now. */
export async function axeViolations(target: Page | Frame): Promise<Violation[]> {
  const page = isFrame(target) ? frameAsPage(target) : target;
  const results = await new AxeBuilder({ page })
    // The default mode merges the frames' results in a new tab, which takes the active tab from
    // the page under test (a popup aimed at it, the in-page panel's host). Legacy mode runs in
    // the page itself; it skips cross-origin frames, which no extension page has, and a frame
    // in a closed shadow root is analysed on its own anyway.
    .setLegacyMode()
    .options({ runOnly: { type: 'tag', values: GATE_TAGS }, rules: RULES })
    .analyze();
  return results.violations;
}

/** One line per element at fault: where, which rule, which element, and what axe says to fix. */
export function describeViolations(where: string, violations: Violation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const summary = (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim();
      return `${where}: ${violation.id} at ${node.target.join(' >> ')}: ${summary}`;
    }),
  );
}

/**
 * The problems on `target` in each colour scheme, described. The scheme is emulated on the page
 * that holds it, which its frames follow; what was emulated before is not restored, so callers
 * that care set it again.
 */
export async function accessibilityProblems(
  target: Page | Frame,
  where: string,
  schemes: ColorScheme[] = ['light', 'dark'],
): Promise<string[]> {
  const page = isFrame(target) ? target.page() : target;
  const problems: string[] = [];
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    // A frame in another process that missed the emulation would be checked twice in one scheme.
    const drawnIn = await target.evaluate(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
    if (drawnIn !== colorScheme) throw new Error(`${where} is drawn ${drawnIn} where ${colorScheme} was asked for`);
    problems.push(...describeViolations(`${where} (${colorScheme})`, await axeViolations(target)));
  }
  return problems;
}
