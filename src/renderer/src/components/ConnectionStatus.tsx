import type { HeartbeatRecord } from '../../../shared/heartbeat.ts'
import type { ConnectedState } from '../connection-status.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { ConnectionProblem } from './ConnectionProblem.tsx'
import { ConnectionSummary } from './ConnectionSummary.tsx'
import { ActionFailureAlert } from './Feedback.tsx'
import { HeartbeatHistory } from './HeartbeatHistory.tsx'
import { PermissionsSection } from './PermissionsSection.tsx'

const noHeartbeats: readonly HeartbeatRecord[] = []

/** The status dialog's main view, top to bottom: the connection, what is wrong, the permissions, the heartbeats. */
export function ConnectionStatus({ connection }: { connection: ConnectedState }) {
  const recentHeartbeats = useConsoleStore((state) => state.microsoft365Status?.recentHeartbeats ?? noHeartbeats)
  const latest = recentHeartbeats[0] ?? null
  const failure = useConsoleStore((state) => state.heartbeatFailure)
  return (
    <>
      <ConnectionSummary connection={connection} latest={latest} />
      <ActionFailureAlert failure={failure} />
      <ConnectionProblem connection={connection} recentHeartbeats={recentHeartbeats} />
      <PermissionsSection connection={connection} />
      <HeartbeatHistory />
    </>
  )
}
