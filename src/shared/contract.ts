import { z } from 'zod'
import { cloudApplicationSchema } from './cloud-applications.ts'
import type { EventName, MethodName, Revised, SubscriptionName, Unsubscribe } from './contract-names.ts'
import {
  activityEntrySchema,
  connectFlowSchema,
  disconnectOptionsSchema,
  disconnectResultSchema,
  permissionManifestSchema
} from './microsoft-365.ts'
import { heartbeatIntervalSchema, microsoft365StatusSchema } from './heartbeat.ts'
import { noticeSchema } from './notices.ts'
import { settingsInputSchema, settingsViewSchema } from './settings.ts'

export * from './contract-names.ts'

/**
 * The one IPC contract between the renderer and main. Both the preload bridge and the web preview
 * expose exactly these methods and events; adding a capability means adding its name to
 * `contract-names.ts` and its schemas here (the `satisfies` clauses refuse one without the other).
 */

/**
 * Main counts every event it sends. Each event and each list answer carries the count it reflects,
 * so the page can tell a slow answer from a newer event and keep the newer one.
 */
export const revisionSchema = z.number().int().nonnegative()
const revised = <T extends z.ZodType>(value: T) => z.object({ revision: revisionSchema, value })

const cloudApplicationList = revised(z.array(cloudApplicationSchema))
const noticeList = revised(z.array(noticeSchema))
const connectFlow = revised(connectFlowSchema)
const activityList = revised(z.array(activityEntrySchema))
const settingsView = revised(settingsViewSchema)
const microsoft365Status = revised(microsoft365StatusSchema)
const none = z.tuple([])

/** Each part is, unchanged, the answer of the call that `consoleSnapshotParts` names for it. */
const consoleSnapshot = z.object({
  cloudApplications: cloudApplicationList,
  notices: noticeList,
  microsoft365ConnectFlow: connectFlow,
  microsoft365Permissions: permissionManifestSchema,
  activity: activityList,
  settings: settingsView,
  microsoft365Status
})

export const consoleMethods = {
  /** Everything the first paint shows, read at one instant: the first paint waits on one call, not seven. */
  getConsoleSnapshot: { args: none, result: consoleSnapshot },
  listCloudApplications: {
    args: z.tuple([]),
    result: cloudApplicationList
  },
  listNotices: {
    args: z.tuple([]),
    result: noticeList
  },
  dismissNotice: {
    args: z.tuple([z.string().min(1).max(200)]),
    result: noticeList
  },
  getMicrosoft365ConnectFlow: { args: none, result: connectFlow },
  /** Opens the system browser and answers at once; progress arrives as `microsoft365ConnectFlowChanged`. */
  startMicrosoft365Connect: { args: none, result: connectFlow },
  /** Cancel, or the dialog closed: frees the loopback port and keeps nothing of the attempt. */
  cancelMicrosoft365Connect: { args: none, result: connectFlow },
  recheckMicrosoft365AuditLog: { args: none, result: connectFlow },
  /** CONFIRM in Step 2: stores the connection. */
  confirmMicrosoft365Connect: { args: none, result: connectFlow },
  /** YES, DISCONNECT. Waits for the browser while the grant's removal asks for consent. */
  disconnectMicrosoft365: { args: z.tuple([disconnectOptionsSchema]), result: disconnectResultSchema },
  /** Cancel while YES, DISCONNECT waits for the browser. */
  cancelMicrosoft365SignIn: { args: none, result: z.null() },
  getMicrosoft365Permissions: { args: none, result: permissionManifestSchema },
  listActivity: { args: none, result: activityList },
  getSettings: { args: none, result: settingsView },
  saveSettings: { args: z.tuple([settingsInputSchema]), result: settingsView },
  /** Not locked by a connection: it changes nothing about the cloud. */
  setUpdateChecks: { args: z.tuple([z.boolean()]), result: settingsView },
  /** Seconds, one of `heartbeatIntervalChoices`; not locked by a connection. */
  setHeartbeatInterval: { args: z.tuple([heartbeatIntervalSchema]), result: settingsView },
  getMicrosoft365Status: { args: none, result: microsoft365Status },
  /** "Check now": runs a heartbeat at once (or joins the one under way) and answers when it is done. */
  checkMicrosoft365Now: { args: none, result: microsoft365Status },
  /** GRANT PERMISSIONS: opens Microsoft's admin consent for the missing permissions and answers at once. */
  grantMicrosoft365Permissions: { args: none, result: microsoft365Status },
  /** Cancel while GRANT PERMISSIONS waits for the browser, or the dialog closed. */
  cancelMicrosoft365PermissionGrant: { args: none, result: microsoft365Status }
} as const satisfies { [M in MethodName]: { args: z.ZodType<unknown[]>; result: z.ZodType } }

export const consoleEvents = {
  cloudApplicationsChanged: cloudApplicationList,
  noticesChanged: noticeList,
  microsoft365ConnectFlowChanged: connectFlow,
  activityChanged: activityList,
  settingsChanged: settingsView,
  microsoft365StatusChanged: microsoft365Status,
  /** An OS notification about the connection was clicked: the page opens the status dialog. */
  microsoft365StatusRequested: revised(z.object({ at: z.iso.datetime({ offset: true }) }))
} as const satisfies { [E in EventName]: z.ZodType<Revised<unknown>> }

export type MethodArgs<M extends MethodName> = z.infer<(typeof consoleMethods)[M]['args']>
export type MethodResult<M extends MethodName> = z.infer<(typeof consoleMethods)[M]['result']>
export type ConsoleSnapshot = MethodResult<'getConsoleSnapshot'>
export type EventPayload<E extends EventName> = z.infer<(typeof consoleEvents)[E]>
/** What a service announces; the event hub adds the revision. */
export type EventValue<E extends EventName> = EventPayload<E>['value']

export type ConsoleMethods = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodResult<M>>
}
export type ConsoleSubscriptions = {
  [E in EventName as SubscriptionName<E>]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe
}
/** What the renderer sees as `window.api`. */
export type ConsoleApi = ConsoleMethods & ConsoleSubscriptions

/**
 * The check a receiving bridge runs on an event's payload: the parsed payload, or null for one the
 * contract does not describe, which the bridge drops rather than hand to the page.
 */
export function readEventPayload<E extends EventName>(event: E, payload: unknown): EventPayload<E> | null {
  const parsed = consoleEvents[event].safeParse(payload)
  return parsed.success ? (parsed.data as EventPayload<E>) : null
}
