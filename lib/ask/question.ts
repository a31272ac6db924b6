/** What a question to ask is, and what the ask form needs to send one, wherever it runs. */
import type { PayloadOf } from '../conversation/payloads';

export interface PairChoice {
  pairId: string;
  peerName: string;
}

/** The question's payload, less the thread id the sender gives it, and the pair it goes to. */
export type QuestionToAsk = Omit<PayloadOf<'question'>, 'threadId'> & { pairId: string };

export interface AskBackend {
  pairs(): Promise<PairChoice[]>;
  screenshotWanted(site: string): Promise<boolean>;
  rememberScreenshotChoice(site: string, wanted: boolean): Promise<void>;
  /** Queues the question (sealed for the buddy) and returns its thread id. */
  ask(question: QuestionToAsk): Promise<string>;
  startPicking(tabId: number): Promise<void>;
}
