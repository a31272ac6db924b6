/**
 * Where the recorder listens: the top document, every same-origin frame's document under it
 * (those there at the start, those added later, and each new document a frame navigates to),
 * and the open shadow roots the helper works in.
 *
 * The recorder stays one script in the top frame (the background answers only the top frame of
 * the recording tab, lib/walkthrough/recorder-session.ts); it reaches a same-origin frame's
 * document through `contentDocument`, as the resolver does. A cross-origin frame gives no
 * document (`contentDocument` is null, or access throws): it is skipped, and a click in it gives
 * no step. A closed shadow root cannot be read either: its clicks reach the recorder on its host.
 *
 * Clicks, input and focus events are composed: they leave an open shadow root, and the real
 * target is `composedPath()[0]`. `change` is not composed: it stays inside the shadow root of
 * its field, so the change listeners are added to a shadow root the first time something in
 * it is focused or pressed, which comes before its change.
 */

/** Events that stay inside their shadow root: listened to on each root the helper works in. */
const NOT_COMPOSED = new Set(['change']);
/** What comes before a field's change: the moment to listen in its shadow root. */
const BEFORE_CHANGE = ['focusin', 'pointerdown'] as const;
/** Enough frames in frames for any real application; a hostile page nesting more is cut here. */
const MAX_DEPTH = 8;

export type RecorderListeners = ReadonlyArray<readonly [type: string, listener: EventListener]>;

/**
 * The element an event is really about: the innermost node of its composed path (inside an
 * open shadow root, not its host). Compared by `nodeType`, not `instanceof`: an element of a
 * frame belongs to that frame's realm.
 */
export function eventTarget(event: Event): Element | null {
  const first = event.composedPath()[0] ?? event.target;
  return first && (first as Node).nodeType === 1 ? (first as Element) : null;
}

/** A same-origin frame's current document; null for a cross-origin frame or another element. */
export function frameDocument(element: Element): Document | null {
  if (element.localName !== 'iframe' && element.localName !== 'frame') return null;
  try {
    const inner = (element as HTMLIFrameElement).contentDocument;
    // Reading it proves it is ours: a cross-origin document throws on its first property.
    return inner?.documentElement ? inner : null;
  } catch {
    return null;
  }
}

/**
 * Adds the listeners (capture, passive) to `top` and to every same-origin frame's document and
 * open shadow root as described above, until the returned function is called, which removes
 * every listener and observer it added.
 */
export function listenInAllRoots(top: Document, listeners: RecorderListeners): () => void {
  const undo: Array<() => void> = [];
  const roots = new WeakSet<Document | ShadowRoot>();
  const frames = new WeakSet<Element>();
  const options = { capture: true, passive: true } as const;

  const on = (target: EventTarget, type: string, listener: EventListener) => {
    target.addEventListener(type, listener, options);
    undo.push(() => target.removeEventListener(type, listener, { capture: true }));
  };

  const listenInShadowRootOf = (event: Event) => {
    const hit = eventTarget(event);
    let root = hit?.getRootNode() as Node | undefined;
    // Each shadow root from the hit up: a field's change stays in the innermost one.
    while (root && root.nodeType === 11 && (root as ShadowRoot).host) {
      const shadow = root as ShadowRoot;
      if (roots.has(shadow)) break;
      roots.add(shadow);
      for (const [type, listener] of listeners) if (NOT_COMPOSED.has(type)) on(shadow, type, listener);
      root = shadow.host.getRootNode();
    }
  };

  const watchFrame = (frame: Element, depth: number) => {
    if (frames.has(frame)) return;
    frames.add(frame);
    // A frame that navigates gets a new document: listened to once it has loaded.
    on(frame, 'load', () => watchDocument(frameDocument(frame), depth + 1));
    watchDocument(frameDocument(frame), depth + 1);
  };

  const watchFramesIn = (node: Node, depth: number) => {
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.localName === 'iframe' || element.localName === 'frame') watchFrame(element, depth);
    for (const frame of Array.from(element.querySelectorAll('iframe, frame'))) watchFrame(frame, depth);
  };

  function watchDocument(document: Document | null, depth: number): void {
    if (!document || depth > MAX_DEPTH || roots.has(document)) return;
    roots.add(document);
    for (const [type, listener] of listeners) on(document, type, listener);
    for (const type of BEFORE_CHANGE) on(document, type, listenInShadowRootOf);
    for (const frame of Array.from(document.querySelectorAll('iframe, frame'))) watchFrame(frame, depth);
    const View = document.defaultView?.MutationObserver;
    if (!View) return;
    // Frames the page adds later (a dialog's editor, a form loaded on demand).
    const observer = new View((records) => {
      for (const record of records) for (const node of Array.from(record.addedNodes)) watchFramesIn(node, depth);
    });
    observer.observe(document, { childList: true, subtree: true });
    undo.push(() => observer.disconnect());
  }

  watchDocument(top, 0);
  return () => {
    for (const step of undo.splice(0)) step();
  };
}
