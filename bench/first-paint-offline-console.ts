import { withActivity } from '../src/main/activity/activity-history.ts'
import { silentLogger } from '../src/main/logger.ts'
import { openConfStateFile } from '../src/main/state/conf-state-file.ts'
import { openStateRepository } from '../src/main/state/state-repository.ts'
import { sandboxIds } from '../src/sandbox-tenant/world/seed-world.ts'
import { connectedRecord } from '../tests/support/connection-records.ts'
import { startPreviewProcess, type PreviewProcess } from '../tests/support/preview-process.ts'
import { makeTempDir } from '../tests/support/temp-dir.ts'
import { closedPort } from '../tests/support/closed-port.ts'

export interface OfflineConsole {
  preview: PreviewProcess
  /** Stops the preview's process group and removes its data folder. */
  close(): Promise<void>
}

/**
 * Writes a connection as CONFIRM stores it, through the console's own state repository, so the file
 * has the schema and version a launch expects.
 */
async function storeConnection(dataDir: string): Promise<void> {
  const { repository } = openStateRepository(dataDir, openConfStateFile, { logger: silentLogger })
  const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString()
  const connection = connectedRecord({ connectedAt: tenMinutesAgo, lastHeartbeatAt: tenMinutesAgo })
  const { tenant, account } = connection
  await repository.update((state) =>
    withActivity(
      {
        ...state,
        connections: { microsoft365: connection },
        // MSAL's home account id, `<object id>.<tenant id>`: the launch heartbeat needs one to try at all.
        microsoft365SignIn: { homeAccountId: `0b4c5d6e-7f80-4a91-b2c3-d4e5f6a7b8c9.${tenant.id}` }
      },
      { at: tenMinutesAgo, kind: 'connected', tenant, account, summary: `Connected by ${account}` }
    )
  )
}

/**
 * The web preview, serving what `out/` holds, on a data folder with a stored Microsoft 365 connection
 * and every Microsoft endpoint at a closed loopback port: the console of an admin who opens it offline.
 * The launch heartbeat fails on the network before it reaches the token cache, so no keychain is needed.
 */
export async function startOfflineConsole(): Promise<OfflineConsole> {
  const dataDir = makeTempDir('console-bench-first-paint')
  try {
    await storeConnection(dataDir.path)
    const nowhere = `http://127.0.0.1:${await closedPort()}`
    const preview = await startPreviewProcess({
      env: {
        ...process.env,
        PORT: '0',
        CONSOLE_DATA_DIR: dataDir.path,
        // Only the launch heartbeat runs while the benchmark navigates.
        CONSOLE_HEARTBEAT_SECONDS: '3600',
        M365_CLIENT_ID: sandboxIds.clientId,
        M365_LOGIN_ENDPOINT: nowhere,
        M365_GRAPH_ENDPOINT: nowhere,
        M365_MANAGEMENT_ENDPOINT: nowhere
      }
    })
    return {
      preview,
      async close() {
        await preview.stop()
        dataDir.remove()
      }
    }
  } catch (error) {
    dataDir.remove()
    throw error
  }
}
