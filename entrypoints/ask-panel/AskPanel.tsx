/**
 * The ask panel inside the page (in an iframe the background injected, see
 * lib/ask/ask-panel-host.ts): the form with what the background captured before showing it,
 * then a word that the question is on its way. Esc, Cancel and Close hand the page back.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { AskForm } from '@/components/AskForm';
import { AskBackendProvider } from '@/components/ask-backend';
import { backgroundAskBackend } from '@/lib/ask/ask-backend';
import { PANEL_FRAME_TO_HOST } from '@/lib/messaging/panel-frame-and-host';
import type { HostLink } from '@/lib/ask/ask-panel-link';
import { preciseNow, type PreparedAsk } from '@/lib/ask/prepared-ask';
import { forgetOpenPanelFromFrame } from '@/lib/ask/prepared-ask-frame';
import { t } from '@/lib/i18n/i18n';

function closePanel(host: HostLink, tabId?: number): void {
  if (tabId !== undefined) void forgetOpenPanelFromFrame(tabId).catch(() => undefined);
  host.send(PANEL_FRAME_TO_HOST.close);
}

/**
 * `prepared`: what the background captured, or null when it was never stored (expired).
 * `host`: the channel to the frame's host in the page, the only way out of this frame.
 */
export function AskPanel({ prepared, host }: { prepared: PreparedAsk | null; host: HostLink }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const backend = useMemo(() => prepared && backgroundAskBackend(prepared), [prepared]);
  const pairs = prepared?.pairs;
  const close = () => closePanel(host, prepared?.tabId);
  const closeAfterSending = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) closePanel(host, prepared?.tabId);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [prepared, host]);

  // Not the autofocus attribute: browsers ignore it in a frame inside another site's page.
  useEffect(() => {
    if (sentTo !== null) closeAfterSending.current?.focus();
  }, [sentTo]);

  // Before the first paint: the host shows the frame as soon as there is something to see.
  useLayoutEffect(() => {
    host.send(PANEL_FRAME_TO_HOST.ready);
    if (!prepared) return;
    // bench/capture.ts reads how long the person waited, from the shortcut or the click to this paint.
    // The ask started before this frame existed: a mark carries the wait, not a measure.
    requestAnimationFrame(() =>
      setTimeout(() => performance.mark('binome:panel-visible', { detail: { sinceAskMs: preciseNow() - prepared.askedAt } })),
    );
  }, [prepared, host]);

  const ready = !!pairs?.length;
  useEffect(() => {
    if (!ready) return;
    // The frame gets the keyboard from its host once loaded, maybe after this render: the
    // question box takes it then, so the person types straight away.
    const focusQuestion = () => document.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    if (document.hasFocus()) focusQuestion();
    window.addEventListener('focus', focusQuestion, { once: true });
    return () => window.removeEventListener('focus', focusQuestion);
  }, [ready]);

  if (prepared === null || !backend || !pairs?.length) {
    return (
      <main className="panel">
        <h1>{t('ask_title')}</h1>
        <p role="alert">{prepared === null ? t('ask_panel_expired') : t('welcome_text')}</p>
        {prepared && (
          <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('welcome_setup')}
          </button>
        )}
        <button type="button" onClick={close}>
          {t('close')}
        </button>
      </main>
    );
  }
  if (sentTo !== null) {
    return (
      <main className="panel">
        <h1>{t('ask_title')}</h1>
        <p role="status">{t('ask_panel_sent', sentTo)}</p>
        <button type="button" className="primary" ref={closeAfterSending} onClick={close}>
          {t('close')}
        </button>
      </main>
    );
  }
  return (
    <main className="panel">
      <AskBackendProvider backend={backend}>
        <AskForm
          tabId={prepared.tabId}
          prepared={prepared}
          onPointing={close}
          onSent={(_threadId, pairId) => setSentTo(pairs.find((pair) => pair.pairId === pairId)?.peerName ?? '')}
          onCancel={close}
        />
      </AskBackendProvider>
    </main>
  );
}
