/**
 * The ask panel inside the page (in an iframe the background injected, see
 * lib/ask-panel-host.ts): the form with what the background captured before showing it,
 * then a word that the question is on its way. Esc, Cancel and Close hand the page back.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { AskForm } from '@/components/AskForm';
import { useAskBackend } from '@/components/ask-backend';
import type { PairChoice } from '@/lib/ask-backend';
import { ASK_PANEL_CLOSE } from '@/lib/ask-panel-host';
import { takePreparedAsk, type PreparedAsk } from '@/lib/ask-panel';
import { t } from '@/lib/i18n';

function closePanel(): void {
  // The page cannot forge this: its host accepts it only from this frame.
  window.parent.postMessage({ type: ASK_PANEL_CLOSE }, '*');
}

export function AskPanel({ askId }: { askId: string }) {
  const backend = useAskBackend();
  const [prepared, setPrepared] = useState<PreparedAsk | null | undefined>(undefined);
  const [pairs, setPairs] = useState<PairChoice[] | undefined>(undefined);
  const [sentTo, setSentTo] = useState<string | null>(null);

  useEffect(() => {
    void takePreparedAsk(askId).then(setPrepared, () => setPrepared(null));
    void backend.pairs().then(setPairs, () => setPairs([]));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) closePanel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [askId, backend]);

  useEffect(() => {
    if (!prepared || !pairs) return;
    // bench/capture.ts reads how long the person waited, from the shortcut or the click to this paint.
    requestAnimationFrame(() =>
      setTimeout(() => performance.measure('binome:panel-visible', { start: prepared.askedAt - performance.timeOrigin, end: performance.now() })),
    );
  }, [prepared, pairs]);

  const ready = !!prepared && !!pairs?.length;
  useEffect(() => {
    if (!ready) return;
    // The frame gets the keyboard from its host once loaded, maybe after this render: the
    // question box takes it then, so the person types straight away.
    const focusQuestion = () => document.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    if (document.hasFocus()) focusQuestion();
    window.addEventListener('focus', focusQuestion, { once: true });
    return () => window.removeEventListener('focus', focusQuestion);
  }, [ready]);

  if (prepared === undefined || pairs === undefined) return null;
  if (prepared === null || pairs.length === 0) {
    return (
      <main className="panel">
        <p role="alert">{prepared === null ? t('ask_panel_expired') : t('welcome_text')}</p>
        {pairs.length === 0 && (
          <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('welcome_setup')}
          </button>
        )}
        <button type="button" onClick={closePanel}>
          {t('close')}
        </button>
      </main>
    );
  }
  if (sentTo !== null) {
    return (
      <main className="panel">
        <p role="status">{t('ask_panel_sent', sentTo)}</p>
        <button type="button" className="primary" autoFocus onClick={closePanel}>
          {t('close')}
        </button>
      </main>
    );
  }
  return (
    <main className="panel">
      <AskForm
        tabId={prepared.tabId}
        prepared={prepared}
        onPointing={closePanel}
        onSent={(_threadId, pairId) => setSentTo(pairs.find((pair) => pair.pairId === pairId)?.peerName ?? '')}
        onCancel={closePanel}
      />
    </main>
  );
}
