import type { Page, Route } from '@playwright/test'
import { consoleSnapshotParts, type ConsoleSnapshotPart, type SnapshotCall } from '../../src/shared/console-snapshot.ts'
import type { CallOutcome, ConsoleMethods, ConsoleSnapshot, MethodName } from '../../src/shared/contract.ts'

/**
 * Main's answers, faked for a test, so that the start-up snapshot always agrees with them: it is made
 * of the same answers as the calls it stands for, and fails when one of them does, as main's does.
 */

const snapshotParts = Object.entries(consoleSnapshotParts) as Array<[ConsoleSnapshotPart, SnapshotCall]>

/** A fake `window.api`'s `getConsoleSnapshot`, made of that fake's own separate answers as they are when asked. */
export async function snapshotOfSeparateAnswers(api: Pick<ConsoleMethods, SnapshotCall>): Promise<ConsoleSnapshot> {
  const parts = await Promise.all(snapshotParts.map(async ([part, call]) => [part, await api[call]()] as const))
  return Object.fromEntries(parts) as ConsoleSnapshot
}

/** What each page's faked calls answer, for its snapshot route to use. */
const fakedOnPage = new WeakMap<Page, Map<MethodName, CallOutcome<unknown>>>()

const snapshotUrl = '**/api/invoke/getConsoleSnapshot'
const callUrl = (method: MethodName) => `**/api/invoke/${method}`

/**
 * Answers one call of the web preview with `outcome` instead of main, from now until it is stopped: the
 * call itself, and its part of the snapshot the page loads with. A faked failure fails the snapshot too,
 * so the page falls back to asking the call itself, and says that call's failure where it always has.
 */
export async function fakeAnswer(page: Page, method: MethodName, outcome: CallOutcome<unknown>): Promise<void> {
  let faked = fakedOnPage.get(page)
  if (!faked) {
    const answers = new Map<MethodName, CallOutcome<unknown>>()
    fakedOnPage.set(page, answers)
    await page.route(snapshotUrl, (route) => answerSnapshot(route, answers))
    faked = answers
  }
  faked.set(method, outcome)
  await page.route(callUrl(method), (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(outcome) }))
}

/** Main answers this call itself again, and its part of the snapshot. */
export async function stopFakingAnswer(page: Page, method: MethodName): Promise<void> {
  fakedOnPage.get(page)?.delete(method)
  await page.unroute(callUrl(method))
}

/** Main answers every call itself again. */
export async function stopFakingAnswers(page: Page): Promise<void> {
  const faked = fakedOnPage.get(page)
  if (!faked) return
  fakedOnPage.delete(page)
  await Promise.all([page.unroute(snapshotUrl), ...[...faked.keys()].map((method) => page.unroute(callUrl(method)))])
}

async function answerSnapshot(route: Route, faked: ReadonlyMap<MethodName, CallOutcome<unknown>>): Promise<void> {
  const failure = snapshotParts.map(([, call]) => faked.get(call)).find((outcome) => outcome?.ok === false)
  if (failure) return route.fulfill({ contentType: 'application/json', body: JSON.stringify(failure) })
  // The parts not faked are main's own, read at one instant as ever.
  const response = await route.fetch()
  const real = (await response.json()) as CallOutcome<Record<ConsoleSnapshotPart, unknown>>
  if (!real.ok) return route.fulfill({ response })
  const snapshot = { ...real.value }
  for (const [part, call] of snapshotParts) {
    const outcome = faked.get(call)
    if (outcome?.ok) snapshot[part] = outcome.value
  }
  await route.fulfill({ response, json: { ok: true, value: snapshot } })
}
