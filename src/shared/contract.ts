import { z } from 'zod'
import { cloudApplicationSchema } from './cloud-applications.ts'
import { noticeSchema } from './notices.ts'

/**
 * The one IPC contract between the renderer and main. Both the preload bridge and the web preview
 * expose exactly these methods and events; adding a capability means adding it here.
 */
export const consoleMethods = {
  listCloudApplications: {
    args: z.tuple([]),
    result: z.array(cloudApplicationSchema)
  },
  listNotices: {
    args: z.tuple([]),
    result: z.array(noticeSchema)
  },
  dismissNotice: {
    args: z.tuple([z.string().min(1).max(200)]),
    result: z.array(noticeSchema)
  }
} as const

export const consoleEvents = {
  cloudApplicationsChanged: z.array(cloudApplicationSchema),
  noticesChanged: z.array(noticeSchema)
} as const

export type MethodName = keyof typeof consoleMethods
export type EventName = keyof typeof consoleEvents
export type MethodArgs<M extends MethodName> = z.infer<(typeof consoleMethods)[M]['args']>
export type MethodResult<M extends MethodName> = z.infer<(typeof consoleMethods)[M]['result']>
export type EventPayload<E extends EventName> = z.infer<(typeof consoleEvents)[E]>

export type SubscriptionName<E extends EventName> = `on${Capitalize<E>}`
export type Unsubscribe = () => void

export type ConsoleMethods = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodResult<M>>
}
export type ConsoleSubscriptions = {
  [E in EventName as SubscriptionName<E>]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe
}
/** What the renderer sees as `window.api`. */
export type ConsoleApi = ConsoleMethods & ConsoleSubscriptions

export const methodNames = Object.keys(consoleMethods) as MethodName[]
export const eventNames = Object.keys(consoleEvents) as EventName[]

export function subscriptionName<E extends EventName>(event: E): SubscriptionName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as SubscriptionName<E>
}

export function isMethodName(value: string): value is MethodName {
  return Object.hasOwn(consoleMethods, value)
}

export const invokeChannel = (method: MethodName): string => `console:invoke:${method}`
export const eventChannel = (event: EventName): string => `console:event:${event}`

/** Every call answers with this envelope, so a refusal reaches the caller as a clear error, not a stack trace. */
export const callErrorCodes = ['invalidArguments', 'untrustedSender', 'unknownMethod', 'failed'] as const
export type CallErrorCode = (typeof callErrorCodes)[number]
export interface CallError {
  code: CallErrorCode
  message: string
}
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: CallError }

/** The error a `window.api` method rejects with; `code` is stable, `message` is for people. */
export class ConsoleCallError extends Error {
  readonly code: CallErrorCode
  constructor(error: CallError) {
    super(error.message)
    this.name = 'ConsoleCallError'
    this.code = error.code
  }
}

export function unwrapOutcome<T>(outcome: CallOutcome<T>): T {
  if (outcome.ok) return outcome.value
  throw new ConsoleCallError(outcome.error)
}
