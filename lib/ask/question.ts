/** What a question to ask is, and what the ask form needs to send one, wherever it runs. */
import type { ElementDescription } from '../capture/element-description';
import type { ScreenshotPayload } from '../conversation/payloads';
import type { PageContext } from '../capture/page-context';

export interface PairChoice {
  pairId: string;
  peerName: string;
}

export interface QuestionToAsk {
  pairId: string;
  text: string;
  context: PageContext | null;
  skill?: string;
  screenshot?: ScreenshotPayload;
  element?: ElementDescription;
}

export interface AskBackend {
  pairs(): Promise<PairChoice[]>;
  screenshotWanted(site: string): Promise<boolean>;
  rememberScreenshotChoice(site: string, wanted: boolean): Promise<void>;
  /** Queues the question (sealed for the buddy) and returns its thread id. */
  ask(question: QuestionToAsk): Promise<string>;
  startPicking(tabId: number): Promise<void>;
}
