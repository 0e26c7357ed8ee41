/**
 * The contract's plain half: method and event names, channels and the call envelope. It imports
 * nothing, so the preload can bundle it without zod; `contract.ts` holds the schemas for these names.
 */
export const methodNames = [
  'getConsoleSnapshot',
  'listCloudApplications',
  'listNotices',
  'dismissNotice',
  'getMicrosoft365ConnectFlow',
  'startMicrosoft365Connect',
  'cancelMicrosoft365Connect',
  'recheckMicrosoft365AuditLog',
  'confirmMicrosoft365Connect',
  'disconnectMicrosoft365',
  'cancelMicrosoft365SignIn',
  'getMicrosoft365Permissions',
  'listActivity',
  'getSettings',
  'saveSettings',
  'setUpdateChecks',
  'setHeartbeatInterval',
  'getMicrosoft365Status',
  'checkMicrosoft365Now',
  'grantMicrosoft365Permissions',
  'cancelMicrosoft365PermissionGrant'
] as const
export const eventNames = [
  'cloudApplicationsChanged',
  'noticesChanged',
  'microsoft365ConnectFlowChanged',
  'activityChanged',
  'settingsChanged',
  'microsoft365StatusChanged',
  'microsoft365StatusRequested'
] as const

export type MethodName = (typeof methodNames)[number]
export type EventName = (typeof eventNames)[number]

/** An event's payload and a list answer: the value, and the count of main's events it reflects. */
export interface Revised<T> {
  revision: number
  value: T
}

export type SubscriptionName<E extends EventName> = `on${Capitalize<E>}`
export type Unsubscribe = () => void

export function subscriptionName<E extends EventName>(event: E): SubscriptionName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as SubscriptionName<E>
}

export function isMethodName(value: string): value is MethodName {
  return (methodNames as readonly string[]).includes(value)
}

export const invokeChannel = (method: MethodName): string => `console:invoke:${method}`
export const eventChannel = (event: EventName): string => `console:event:${event}`

/**
 * Every call answers with this envelope, so a refusal reaches the caller as a clear error, not a stack
 * trace. The codes after `failed` are failures main explains to people in its own words.
 */
export const callErrorCodes = [
  'invalidArguments',
  'untrustedSender',
  'unknownMethod',
  'failed',
  'stateNotSaved',
  'alreadyConnected',
  'notConnected',
  'connectInProgress',
  'disconnectInProgress',
  'notConfigured',
  'settingsLocked'
] as const
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
