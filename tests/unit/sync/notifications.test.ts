import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fr from '@/public/_locales/fr/messages.json';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import { applyLanguage } from '@/lib/i18n/language';
import { notifyNewFromPeer } from '@/lib/sync/notifications';
import { syncAll } from '@/lib/sync/sync';
import type { StoredMessage } from '@/lib/conversation/threads';
import { speak } from '../helpers/i18n';
import { PAIR_ID, testPair } from '../helpers/db';
import { RelayDouble } from '../helpers/relay-double';

const karim = testPair({ peerName: 'Karim' });

function messages(kinds: Record<'question' | 'follow-up' | 'answer' | 'resolution', number>): StoredMessage[] {
  return Object.entries(kinds).flatMap(([kind, count]) =>
    Array.from({ length: count }, () => {
      const id = crypto.randomUUID();
      return { id, threadId: id, pairId: PAIR_ID, kind, fromMe: false, text: `A ${kind}`, createdAt: 1, seq: 1 } as StoredMessage;
    }),
  );
}

async function shown() {
  return Object.values(fakeBrowser.notifications.getAllCreateOptions()).map((options) => options.title);
}

describe('notifications', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  it('one message: says what it is, with an excerpt', async () => {
    speak('en');
    await notifyNewFromPeer(karim, messages({ question: 1, 'follow-up': 0, answer: 0, resolution: 0 }));
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions())).toEqual([
      expect.objectContaining({ title: 'Karim asks for your help', message: 'A question' }),
    ]);
  });

  it('several from one buddy in one round: one notification that counts them, in English and French', async () => {
    const cases: [Parameters<typeof messages>[0], string, string][] = [
      [{ question: 10, 'follow-up': 2, answer: 0, resolution: 1 }, 'Karim asked 12 questions', 'Karim a posé 12 questions'],
      [{ question: 0, 'follow-up': 0, answer: 5, resolution: 0 }, 'Karim sent 5 answers', 'Karim a envoyé 5 réponses'],
      [
        { question: 2, 'follow-up': 0, answer: 3, resolution: 0 },
        'Karim asked 2 questions and sent 3 answers',
        'Karim a posé 2 questions et envoyé 3 réponses',
      ],
      [
        { question: 1, 'follow-up': 0, answer: 1, resolution: 0 },
        'Karim asked 1 question and sent 1 answer',
        'Karim a posé 1 question et envoyé 1 réponse',
      ],
      [
        { question: 2000, 'follow-up': 0, answer: 0, resolution: 0 },
        'Karim asked 2,000 questions',
        'Karim a posé 2\u202f000 questions',
      ],
    ];
    for (const [kinds, english, french] of cases) {
      for (const [language, title] of [
        ['en', english],
        ['fr', french],
      ] as const) {
        fakeBrowser.reset();
        speak(language);
        await notifyNewFromPeer(karim, messages(kinds));
        expect(await shown()).toEqual([title]);
      }
    }
  });

  it('a "Got it" alone raises nothing', async () => {
    speak('en');
    await notifyNewFromPeer(karim, messages({ question: 0, 'follow-up': 0, answer: 0, resolution: 1 }));
    expect(await shown()).toEqual([]);
  });

  it('questions pulled over several pages of one sync round make one notification', async () => {
    speak('en');
    const relay = new RelayDouble();
    const anne = await relay.device('Anne');
    const buddy = await relay.device('Karim');
    const pairId = await relay.pair(anne, buddy);
    await syncAll(buddy.deps);
    for (let index = 0; index < 250; index++)
      await queueQuestion(buddy.db, { pairId, text: `Question ${index}`, context: null }, 1000 + index);
    await syncAll(buddy.deps);
    anne.deps.onNewFromPeer = notifyNewFromPeer;
    expect(await syncAll(anne.deps)).toMatchObject({ received: 250 });
    expect(await shown()).toEqual(['Karim asked 250 questions']);
  });
});

describe('notifications in the language chosen in the settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
  });
  afterEach(() => applyLanguage('browser'));

  it('wait for a worker just woken to load the chosen language, then speak it', async () => {
    let deliver!: () => void;
    const arrived = new Promise<void>((resolve) => (deliver = resolve));
    const slowFrench = (async () => {
      await arrived;
      return Response.json(fr);
    }) as unknown as typeof fetch;
    // As the background's start does: the choice is still being read when the sync round has news.
    void applyLanguage(Promise.resolve('fr'), slowFrench);
    const notifying = notifyNewFromPeer(karim, messages({ question: 0, 'follow-up': 0, answer: 1, resolution: 0 }));
    deliver();
    await notifying;
    expect(await shown()).toEqual([fr.notify_answer.message.replace('$1', 'Karim')]);
  });
});
