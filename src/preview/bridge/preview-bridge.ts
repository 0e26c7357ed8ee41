import { buildConsoleApi } from '../../shared/console-api-builder.ts'
import { consoleSnapshotParts, type ConsoleSnapshotPart } from '../../shared/console-snapshot.ts'
import {
  callErrorCodes,
  eventNames,
  readEventPayload,
  type CallErrorCode,
  type CallOutcome,
  type ConsoleApi,
  type EventName,
  type MethodName
} from '../../shared/contract.ts'

/**
 * The part of the console's snapshot that has the same shape as each event, so the events missed while
 * the stream was down can be made up from one call; null for an event that announces a moment rather
 * than a state, which is not replayed.
 */
const snapshotPartOfEvent: { [E in EventName]: ConsoleSnapshotPart | null } = {
  cloudApplicationsChanged: 'cloudApplications',
  noticesChanged: 'notices',
  microsoft365ConnectFlowChanged: 'microsoft365ConnectFlow',
  activityChanged: 'activity',
  settingsChanged: 'settings',
  microsoft365StatusChanged: 'microsoft365Status',
  microsoft365StatusRequested: null
}

/** Must match the preview server's OPEN_IN_BROWSER_EVENT; the bridge bundle cannot import server code. */
const openInBrowserEvent = 'preview:openInBrowser'

/**
 * The web preview's stand-in for the preload: the same `window.api`, carried over loopback HTTP.
 * The preview server's secret travels as an HttpOnly cookie, so this script never handles it.
 */
function createPreviewApi(): ConsoleApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(eventNames.map((event) => [event, new Set()]))
  const deliver = (event: EventName, payload: unknown) => {
    const checked = readEventPayload(event, payload)
    if (checked === null) return console.warn(`The preview dropped a ${event} event that does not match the contract.`)
    for (const listener of listeners.get(event) ?? []) listener(checked)
  }

  const stream = new EventSource('/api/events')
  for (const event of eventNames) {
    stream.addEventListener(event, (message) => deliver(event, parseJson((message as MessageEvent<string>).data)))
  }
  // The preview's stand-in for the system browser. The click that started a sign-in is a moment old,
  // so the browser still counts it as the user's gesture and lets the tab open.
  stream.addEventListener(openInBrowserEvent, (message) => {
    const url = readHttpUrl(parseJson((message as MessageEvent<string>).data))
    if (url) window.open(url, '_blank', 'noopener')
  })
  let connectedBefore = false
  stream.addEventListener('open', () => {
    // EventSource reconnects by itself after a drop, and what was sent in the gap is lost: ask for
    // the state again. The answers carry revisions, so the page keeps whichever is newer.
    if (connectedBefore) void catchUp()
    connectedBefore = true
  })
  async function catchUp() {
    const snapshot = await callPreview('getConsoleSnapshot', [])
    for (const event of eventNames) {
      const part = snapshotPartOfEvent[event]
      if (part === null) continue
      if (snapshot.ok) {
        deliver(event, partOf(snapshot.value, part))
        continue
      }
      // Without the snapshot, each list on its own: one that fails still leaves the others caught up.
      const outcome = await callPreview(consoleSnapshotParts[part], [])
      if (outcome.ok) deliver(event, outcome.value)
    }
  }

  return buildConsoleApi({
    call: callPreview,
    subscribe(event, listener) {
      listeners.get(event)?.add(listener)
      return () => void listeners.get(event)?.delete(listener)
    }
  })
}

async function callPreview(method: MethodName, args: unknown[]): Promise<CallOutcome<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/invoke/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args)
    })
  } catch {
    return failure('The console cannot reach the preview server. Check that npm run preview:web is still running.')
  }
  if (response.status === 401) {
    return failure('This preview session has ended. Open the URL the preview printed in its terminal, or restart the preview for a new one.')
  }
  const body = response.headers.get('content-type')?.includes('application/json') ? parseJson(await response.text()) : null
  return isCallOutcome(body) ? body : failure(`The preview server refused the call (HTTP ${response.status}).`)
}

function partOf(snapshot: unknown, part: ConsoleSnapshotPart): unknown {
  return typeof snapshot === 'object' && snapshot !== null && part in snapshot ? (snapshot as Record<ConsoleSnapshotPart, unknown>)[part] : null
}

function readHttpUrl(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('url' in body) || typeof body.url !== 'string') return null
  const url = URL.parse(body.url)
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null
}

function failure(message: string): CallOutcome<never> {
  return { ok: false, error: { code: 'failed', message } }
}

/** Only an envelope of the contract's shape reaches the page, so every failure has a code and a message. */
function isCallOutcome(body: unknown): body is CallOutcome<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false
  if (body.ok === true) return 'value' in body
  if (body.ok !== false || !('error' in body) || typeof body.error !== 'object' || body.error === null) return false
  const { code, message } = body.error as { code?: unknown; message?: unknown }
  return callErrorCodes.includes(code as CallErrorCode) && typeof message === 'string'
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

Object.defineProperty(window, 'api', { value: createPreviewApi(), writable: false, configurable: false })
