/** What a question to ask is, and what the ask form needs to send one, wherever it runs. */
import { z } from 'zod';
import { questionPayload } from '../conversation/payloads';

export interface PairChoice {
  pairId: string;
  peerName: string;
  /** Set when the pair's programme is over: no new question goes out in it. */
  programmeEndedAt?: number;
}

/**
 * The question payload the buddy will receive, before it has a thread id, and the pair it goes
 * to: checked with the receiver's own schema where it crosses from the in-page panel to the background.
 */
export const questionToAskSchema = questionPayload.omit({ threadId: true }).extend({ pairId: z.string().min(1) });
export type QuestionToAsk = z.infer<typeof questionToAskSchema>;

export interface AskBackend {
  pairs(): Promise<PairChoice[]>;
  screenshotWanted(site: string): Promise<boolean>;
  rememberScreenshotChoice(site: string, wanted: boolean): Promise<void>;
  /** Queues the question (sealed for the buddy) and returns its thread id. */
  ask(question: QuestionToAsk): Promise<string>;
  startPicking(tabId: number): Promise<void>;
}
