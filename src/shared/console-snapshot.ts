import type { ConsoleSnapshot, MethodName, MethodResult } from './contract.ts'

/** The calls whose answer has exactly the shape `T`. */
type CallsAnswering<T> = { [M in MethodName]: [MethodResult<M>] extends [T] ? ([T] extends [MethodResult<M>] ? M : never) : never }[MethodName]

/**
 * The call each part of `getConsoleSnapshot` stands for. A part is that call's answer, unchanged, so the
 * page can take its part from either, and a test can hold one against the other.
 */
export const consoleSnapshotParts = {
  cloudApplications: 'listCloudApplications',
  notices: 'listNotices',
  microsoft365ConnectFlow: 'getMicrosoft365ConnectFlow',
  microsoft365Permissions: 'getMicrosoft365Permissions',
  activity: 'listActivity',
  settings: 'getSettings',
  microsoft365Status: 'getMicrosoft365Status'
} as const satisfies { [P in keyof ConsoleSnapshot]: CallsAnswering<ConsoleSnapshot[P]> }

export type ConsoleSnapshotPart = keyof typeof consoleSnapshotParts
/** A call that a snapshot's part stands for. */
export type SnapshotCall = (typeof consoleSnapshotParts)[ConsoleSnapshotPart]
