import type { ConsoleSnapshot, MethodResult } from '../../shared/contract.ts'
import type { SnapshotCall } from '../../shared/console-snapshot.ts'

/**
 * The handlers a snapshot is made of. They answer synchronously, and that is the point: read in one
 * turn, no event can come between two parts, so each part carries exactly the revision it would carry
 * as its own call's answer at that instant.
 */
export type SnapshotReads = { [M in SnapshotCall]: () => MethodResult<M> }

export function readConsoleSnapshot(reads: SnapshotReads): ConsoleSnapshot {
  return {
    cloudApplications: reads.listCloudApplications(),
    notices: reads.listNotices(),
    microsoft365ConnectFlow: reads.getMicrosoft365ConnectFlow(),
    microsoft365Permissions: reads.getMicrosoft365Permissions(),
    activity: reads.listActivity(),
    settings: reads.getSettings(),
    microsoft365Status: reads.getMicrosoft365Status()
  }
}
