import { expect, test } from './support/fixtures';
import type { Person } from './support/person';
import type { PopupPage } from './support/popup-page';
import { readStoredLog, type StoredLog } from './support/stored-log';

const QUESTIONS = 100;

/** Deterministic, so that a failure can be replayed with the same faults. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

const numberOf = (text: string) => Number(/(\d+) of 100/.exec(text)?.[1]);

test('100 questions and answers arrive exactly once, in order, through service-worker stops, relay restarts, offline spells and browser restarts', async ({
  pair,
}) => {
  test.setTimeout(20 * 60_000);
  const { asker, helper, relay } = pair;
  const random = seeded(Number(process.env.FAULT_SEED ?? 2026));
  const faults = { serviceWorkerStops: 0, relayRestarts: 0, offlineSpells: 0, browserRestarts: 0 };
  const popups = new Map<Person, PopupPage>();
  const popupOf = async (person: Person) => {
    let popup = popups.get(person);
    if (!popup || popup.page.isClosed()) {
      popup = await person.popup();
      popups.set(person, popup);
    }
    return popup;
  };

  /** One fault at random, with the person's work going on during it where it makes sense. */
  async function fault(person: Person, during: () => Promise<void>): Promise<void> {
    const roll = random();
    if (roll < 0.3) {
      faults.serviceWorkerStops++;
      await person.stopServiceWorker();
      await during();
    } else if (roll < 0.55) {
      faults.relayRestarts++;
      await relay.stop();
      await during();
      await relay.restart();
    } else if (roll < 0.8) {
      faults.offlineSpells++;
      await person.context.setOffline(true);
      await during();
      await person.context.setOffline(false);
    } else {
      faults.browserRestarts++;
      await during();
      await person.restartBrowser();
      popups.delete(person);
    }
  }

  // The asker asks, with a fault every few questions.
  let asked = 0;
  const askNext = async () => {
    if (asked >= QUESTIONS) return;
    asked++;
    const popup = await popupOf(asker);
    await popup.ask(`Question ${asked} of 100: where is the button for this?`);
    await expect(popup.threadStatus()).toHaveText(/Waiting to be sent|Sent/);
    await popup.back();
  };
  while (asked < QUESTIONS) {
    if (asked % 7 === 6)
      await fault(asker, async () => {
        await askNext();
        await askNext();
      });
    else await askNext();
  }

  // The helper answers everything, oldest first as people do, with faults too.
  const waitFor = async (person: Person, check: (log: StoredLog) => boolean, what: string) => {
    await expect
      .poll(
        async () => {
          const popup = await popupOf(person);
          // Opening the popup is what a person does; it also nudges a sync.
          await popup.page.reload();
          return check(await readStoredLog(popup.page));
        },
        { message: what, timeout: 180_000, intervals: [1000, 2000, 3000] },
      )
      .toBe(true);
  };
  await waitFor(
    helper,
    (log) => log.threads.filter((thread) => thread.direction === 'incoming').length === QUESTIONS,
    'the helper receives 100 questions',
  );

  let answered = 0;
  const answerNext = async () => {
    const popup = await popupOf(helper);
    const waiting = popup.page.getByRole('button').filter({ hasText: 'Waiting for your answer' });
    const showAll = popup.page.getByRole('button', { name: /^Show all/ });
    if (await showAll.isVisible()) await showAll.click();
    const count = await waiting.count();
    if (count === 0) return;
    // Oldest first: the last in the list, which shows the newest first.
    const item = waiting.nth(count - 1);
    const number = numberOf((await item.textContent()) ?? '');
    await popup.openThread(item);
    await popup.answer('Anne Martin', `Answer to question ${number} of 100.`);
    await expect(popup.threadStatus()).toHaveText('You answered');
    await popup.back();
    answered++;
  };
  while (answered < QUESTIONS) {
    if (answered % 9 === 8) await fault(helper, answerNext);
    else await answerNext();
  }

  await waitFor(
    asker,
    (log) => log.threads.filter((thread) => thread.status === 'answered').length === QUESTIONS && log.outbox === 0,
    'the asker receives 100 answers',
  );
  await waitFor(
    helper,
    (log) => log.outbox === 0 && log.messages.every((message) => message.seq !== null),
    'the helper has sent everything',
  );

  for (const [person, label] of [
    [asker, 'asker'],
    [helper, 'helper'],
  ] as const) {
    const log = await readStoredLog((await popupOf(person)).page);
    const questions = log.messages.filter((message) => message.kind === 'question');
    const answers = log.messages.filter((message) => message.kind === 'answer');
    const ids = new Set(log.messages.map((message) => message.id));
    console.log(
      `${label}: ${log.threads.length} threads, ${questions.length} questions, ${answers.length} answers, ` +
        `${log.messages.length - ids.size} duplicate ids, outbox ${log.outbox}`,
    );
    expect(log.threads).toHaveLength(QUESTIONS);
    expect(questions).toHaveLength(QUESTIONS);
    expect(answers).toHaveLength(QUESTIONS);
    expect(ids.size).toBe(log.messages.length);
    expect(log.threads.every((thread) => thread.status === 'answered')).toBe(true);
    for (const thread of log.threads) {
      const inThread = log.messages.filter((message) => message.threadId === thread.id);
      expect(inThread.map((message) => message.kind).sort()).toEqual(['answer', 'question']);
      expect(numberOf(inThread.find((message) => message.kind === 'answer')!.text)).toBe(numberOf(thread.question));
    }
    // Per-pair order: the relay's seq follows the order in which the questions were asked.
    const bySeq = [...questions].sort((a, b) => a.seq! - b.seq!).map((message) => numberOf(message.text));
    expect(bySeq).toEqual(Array.from({ length: QUESTIONS }, (_, index) => index + 1));
  }
  console.log(`faults injected: ${JSON.stringify(faults)}`);
  expect(Object.values(faults).every((count) => count > 0)).toBe(true);
});
