/**
 * A script to add to a page before the page's own scripts run (the first-paint benchmark and the
 * offline-start end-to-end test both do). It notes, in the
 * page's clock (milliseconds since navigation start), each IPC call the page makes and the moment the
 * Microsoft 365 tile first shows its stored status and Last heartbeat.
 */

export interface IpcCall {
  method: string
  at: number
}

export interface FirstPaintRecord {
  /** When the tile first held the stored status and "Last heartbeat"; null until then. */
  tileReadyAt: number | null
  /** When the page first held any text at all, and that text. */
  firstTextAt: number | null
  firstText: string
  /** Every `POST /api/invoke/<method>` the page started, in order. */
  calls: IpcCall[]
}

export interface RecorderOptions {
  /** The global the record is kept under, for `page.evaluate` to read. */
  key: string
  /** The status the stored connection shows, as the tile words it. */
  statusText: string
}

/*
 * The benchmark's TypeScript project has no DOM library: these are the few parts of the page's
 * globals the recorder uses, declared for this module only.
 */
interface PageElement {
  textContent: string | null
  closest(selectors: string): PageElement | null
}
declare const document: {
  getElementById(id: string): PageElement | null
  querySelector(selectors: string): PageElement | null
}
declare class MutationObserver {
  constructor(callback: () => void)
  observe(target: typeof document, options: { childList: boolean; subtree: boolean; characterData: boolean }): void
  disconnect(): void
}

/** Runs in the page, serialised by Playwright: it may use nothing from this module but its argument. */
export function recordFirstPaint({ key, statusText }: RecorderOptions): void {
  const record: FirstPaintRecord = { tileReadyAt: null, firstTextAt: null, firstText: '', calls: [] }
  Object.defineProperty(globalThis, key, { value: record })

  const pageFetch = globalThis.fetch
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = /\/api\/invoke\/([^/?#]+)/.exec(url)?.[1]
    if (method !== undefined) record.calls.push({ method: decodeURIComponent(method), at: performance.now() })
    return pageFetch.call(globalThis, input, init)
  }

  // A mutation observer's callback runs right after the DOM changed, before the browser paints it.
  const observer = new MutationObserver(() => {
    const now = performance.now()
    const text = document.getElementById('root')?.textContent?.trim() ?? ''
    if (record.firstTextAt === null && text !== '') {
      record.firstTextAt = now
      record.firstText = text
    }
    const status = document.querySelector('[role="status"][aria-label="Microsoft 365 status"]')
    const tile = status?.closest('article')
    if (status?.textContent?.includes(statusText) && tile?.textContent?.includes('Last heartbeat')) {
      record.tileReadyAt = now
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}
