import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { heartbeatScopes } from '../src/main/microsoft-365/heartbeat/heartbeat-scopes.ts'
import type { ReadyCloud } from '../src/main/microsoft-365/microsoft-cloud-session.ts'
import { STATE_FILE_NAME } from '../src/main/state/state-repository.ts'
import { startSandboxTenant, type SandboxTenant } from '../src/sandbox-tenant/sandbox-tenant-server.ts'
import { memorySecretStore } from '../tests/support/console-host.ts'
import { startCountingProxy, type CountingProxy } from '../tests/support/counting-proxy.ts'
import { heartbeatConsole, type HeartbeatConsole } from '../tests/support/heartbeat-harness.ts'
import { makeTempDir } from '../tests/support/temp-dir.ts'
import { figureOf, ratioOf, type Row, type Section } from './bench-report.ts'
import { sequentialHeartbeatProbe, type SequentialProbeTarget } from './heartbeat-wire-baseline.ts'
import { hostKindOf, measureTraffic, type MicrosoftHostKind, type Traffic } from './heartbeat-wire-traffic.ts'

const megan = 'MeganB@contoso.onmicrosoft.com'
/** Runs per condition, by added latency: a run at 100 ms costs the baseline's six round trips, so fewer of those. */
const runsAt: ReadonlyArray<{ latencyMs: number; runs: number }> = [
  { latencyMs: 0, runs: 30 },
  { latencyMs: 100, runs: 10 }
]
const echoes: ReadonlyArray<{ echo: boolean; says: string }> = [
  { echo: true, says: '.default echoed' },
  { echo: false, says: '.default not echoed' }
]

interface Condition {
  echo: boolean
  echoSays: string
  latencyMs: number
  heartbeat: Traffic[]
  baseline: Traffic[]
}

/**
 * What one steady-state heartbeat costs on the wire, beside the same checks made one call at a
 * time, with and without added latency and whichever way Entra answers `.default`.
 */
export async function benchHeartbeatWireCost(): Promise<Section> {
  const sandbox = await startSandboxTenant()
  let proxy: CountingProxy | undefined
  const conditions: Condition[] = []
  try {
    proxy = await startCountingProxy(sandbox.baseUrl)
    for (const { echo, says } of echoes) conditions.push(...(await measureWithEcho(sandbox, proxy, echo, says)))
  } finally {
    await proxy?.close()
    await sandbox.close()
  }
  return sectionOf(conditions)
}

/** One connect with Entra echoing `.default` or not, then every latency's runs on that connection. */
async function measureWithEcho(sandbox: SandboxTenant, proxy: CountingProxy, echo: boolean, echoSays: string): Promise<Condition[]> {
  sandbox.scenario.reset()
  sandbox.scenario.echoDefaultScope(echo)
  const dir = makeTempDir('bench-heartbeat-wire')
  const console_ = heartbeatConsole({ sandbox, dataDir: dir.path, secrets: memorySecretStore(), baseUrl: proxy.baseUrl })
  try {
    const connected = await console_.connect(megan)
    if (connected.outcome !== 'connected') throw new Error(`the heartbeat after the connect said ${connected.outcome}`)
    const baseline = await baselineTarget(console_, dir.path)
    const conditions: Condition[] = []
    for (const { latencyMs, runs } of runsAt) {
      sandbox.scenario.setLatency(latencyMs)
      conditions.push({ echo, echoSays, latencyMs, ...(await pairedRuns(sandbox, proxy, console_, baseline, runs)) })
    }
    return conditions
  } finally {
    sandbox.scenario.setLatency(0)
    await console_.services.close()
    dir.remove()
  }
}

/**
 * The baseline reads with the console's own tokens: the same MSAL cache, account and named scopes
 * as the heartbeat, so both send the same Authorization headers and neither asks Entra while fresh.
 */
async function baselineTarget(console_: HeartbeatConsole, dataDir: string): Promise<SequentialProbeTarget> {
  const cloud = await console_.services.currentCloud()
  if (cloud.kind === 'unconfigured') throw new Error('the console has no cloud after the connect')
  const connection = await console_.connection()
  if (connection.status === 'notConnected') throw new Error('the console is not connected')
  const homeAccountId = storedHomeAccountId(dataDir)
  const scopes = heartbeatScopes(cloud.endpoints, connection.grantedPermissions)
  return {
    graphEndpoint: cloud.endpoints.graphEndpoint,
    managementEndpoint: cloud.endpoints.managementEndpoint,
    tenantId: connection.tenant.id,
    clientId: cloud.clientId,
    graphToken: () => cachedToken(cloud, homeAccountId, scopes.graph),
    managementToken: () => cachedToken(cloud, homeAccountId, scopes.management)
  }
}

async function cachedToken(cloud: ReadyCloud, homeAccountId: string, scopes: string[]): Promise<string> {
  const token = await cloud.signIn.acquireSilent(homeAccountId, scopes)
  if (!token.ok) throw new Error(`the baseline got no token from the cache: ${token.reason}`)
  return token.accessToken
}

/** The account the connect stored, as the heartbeat reads it. */
function storedHomeAccountId(dataDir: string): string {
  const state = JSON.parse(readFileSync(join(dataDir, `${STATE_FILE_NAME}.json`), 'utf8')) as { microsoft365SignIn?: { homeAccountId?: unknown } }
  const homeAccountId = state.microsoft365SignIn?.homeAccountId
  if (typeof homeAccountId !== 'string') throw new Error('the connect stored no signed-in account')
  return homeAccountId
}

/** One unmeasured warm-up of each, then heartbeat and baseline side by side `runs` times, taking turns to go first. */
async function pairedRuns(
  sandbox: SandboxTenant,
  proxy: CountingProxy,
  console_: HeartbeatConsole,
  baseline: SequentialProbeTarget,
  runs: number
): Promise<{ heartbeat: Traffic[]; baseline: Traffic[] }> {
  const heartbeatOnce = async () => {
    const record = await console_.checkNow()
    if (record.outcome !== 'connected' || record.auditLog !== 'on') throw new Error(`a steady-state heartbeat said ${record.outcome}, audit log ${record.auditLog}`)
  }
  await heartbeatOnce()
  await sequentialHeartbeatProbe(baseline)
  const measured = { heartbeat: [] as Traffic[], baseline: [] as Traffic[] }
  const heartbeat = async () => measured.heartbeat.push(await measureTraffic(proxy, sandbox, heartbeatOnce))
  const sequential = async () => measured.baseline.push(await measureTraffic(proxy, sandbox, () => sequentialHeartbeatProbe(baseline)))
  for (let run = 0; run < runs; run++) {
    for (const each of run % 2 === 0 ? [heartbeat, sequential] : [sequential, heartbeat]) await each()
  }
  return measured
}

function sectionOf(conditions: readonly Condition[]): Section {
  const heartbeats = conditions.flatMap(({ heartbeat }) => heartbeat)
  const baselines = conditions.flatMap(({ baseline }) => baseline)
  const of = (samples: readonly Traffic[], pick: (traffic: Traffic) => number) => samples.map(pick)
  const graphTrips = of(heartbeats, ({ graphRoundTrips }) => graphRoundTrips)
  const tokenRequests = of(heartbeats, ({ tokenRequests }) => tokenRequests)
  const all = 'all four conditions'

  const rows: Row[] = [
    {
      measure: `Graph round trips per heartbeat (${all})`,
      unit: 'requests',
      value: figureOf(graphTrips),
      digits: 0,
      target: graphTarget(heartbeats)
    },
    {
      measure: `token-endpoint requests per heartbeat, access token fresh (${all})`,
      unit: 'requests',
      value: figureOf(tokenRequests),
      digits: 0,
      target: tokenTarget(tokenRequests)
    },
    { measure: `Management API requests per heartbeat (${all})`, unit: 'requests', value: figureOf(of(heartbeats, (t) => t.managementRequests)), digits: 0 },
    { measure: `HTTP requests per heartbeat, every host (${all})`, unit: 'requests', value: figureOf(of(heartbeats, (t) => t.requests)), digits: 0 },
    { measure: `HTTP requests per baseline probe, every host (${all})`, unit: 'requests', value: figureOf(of(baselines, (t) => t.requests)), digits: 0 },
    {
      measure: `requests, baseline / heartbeat (${all})`,
      unit: '×',
      value: ratioOf(of(baselines, (t) => t.requests), of(heartbeats, (t) => t.requests)),
      digits: 1
    }
  ]
  for (const { echo, says } of echoes) {
    const same = conditions.filter((condition) => condition.echo === echo)
    const heartbeat = same.flatMap(({ heartbeat: samples }) => samples)
    const baseline = same.flatMap(({ baseline: samples }) => samples)
    rows.push(
      { measure: `bytes per heartbeat, ${says}`, unit: 'bytes', value: figureOf(of(heartbeat, (t) => t.bytes)), digits: 0 },
      { measure: `bytes per baseline probe, ${says}`, unit: 'bytes', value: figureOf(of(baseline, (t) => t.bytes)), digits: 0 },
      { measure: `bytes, baseline / heartbeat, ${says}`, unit: '×', value: ratioOf(of(baseline, (t) => t.bytes), of(heartbeat, (t) => t.bytes)), digits: 2 }
    )
  }
  for (const { echoSays, latencyMs, heartbeat, baseline } of conditions) {
    const when = `+${latencyMs} ms, ${echoSays}`
    const heartbeatMs = of(heartbeat, (t) => t.milliseconds)
    const baselineMs = of(baseline, (t) => t.milliseconds)
    rows.push(
      { measure: `latency of Check now, ${when}`, unit: 'ms', value: figureOf(heartbeatMs), digits: 1 },
      { measure: `latency of the baseline probe, ${when}`, unit: 'ms', value: figureOf(baselineMs), digits: 1 },
      { measure: `latency, baseline / heartbeat, ${when}`, unit: '×', value: ratioOf(baselineMs, heartbeatMs), digits: 2 }
    )
  }

  const baselineTokens = of(baselines, (t) => t.tokenRequests)
  return {
    title: 'Heartbeat wire cost',
    method:
      'One steady-state heartbeat (Check now through the console’s handler, after a connect, the access token fresh) beside a baseline that makes the same checks one plain fetch at a time, run alternately on the same connection: requests by host and bytes counted by a proxy in front of the sandbox tenant, token requests by the sandbox’s token endpoint, latency as wall time. ' +
      'Conditions: 0 ms and 100 ms latency added by the sandbox to every request, with Entra echoing `.default` in its token answers or not (one connect each).',
    rows,
    notes: [
      'Everything on loopback in one Node process: the console from the composition root (real msal-node, Graph client, Management API probe) against the sandbox tenant. Graph and the Management API are reached through a counting proxy that forwards to the sandbox: a second loopback hop for every such request, for both probes alike, so the latencies include it. The token endpoint is reached at the sandbox’s own address (its discovery document names it), so token requests are the sandbox’s own count, added to the request totals.',
      `Bytes are what the proxy’s client-side sockets read and wrote per exchange (request line, headers, body and framing, both ways), so they are the console’s own HTTP/1.1 traffic, not a re-serialisation; token requests are not in them (${tokenBytesGap(heartbeats, baselines)}). There is no TLS and no compression (the sandbox answers uncompressed): against Microsoft, TLS adds to these figures and gzip shrinks the answers.`,
      `Bytes of the median heartbeat by host: ${bytesByHost(heartbeats)}; of the median baseline probe: ${bytesByHost(baselines)}.`,
      'The added latency is the sandbox’s per HTTP request: a `$batch` is delayed once, like any request, and the sandbox does not model the time Graph spends on each request inside it.',
      `The baseline’s tokens come from the console’s own MSAL cache (the console’s sign-in, the connected account, the heartbeat’s named scopes), so both probes send the same bearer tokens; it asked the token endpoint ${rangeOf(baselineTokens)} times per probe. It makes GET /organization, GET the console’s service principal, GET each resource service principal, GET the tenant-wide oauth2PermissionGrants filtered by the console’s service principal, then the same audit-log probe, each after the one before, and fails unless every answer is what a Connected heartbeat reads.`,
      'Check now’s latency is the handler’s wall time up to the stored record: besides the Graph `$batch` and the audit-log probe (sent side by side), it includes two silent token lookups in the MSAL cache, classifying the result and saving the state file. The baseline’s includes its own two cache lookups and saves nothing.',
      `Runs per condition: ${runsAt.map(({ latencyMs, runs }) => `${runs} at +${latencyMs} ms`).join(', ')}, after one unmeasured heartbeat and baseline; heartbeat and baseline take turns to go first, and ratios pair run i of each. The token cache’s key is kept by an in-memory secret store in place of the OS keychain.`
    ]
  }
}

function graphTarget(heartbeats: readonly Traffic[]): Row['target'] {
  const off = heartbeats.find(({ graphRoundTrips }) => graphRoundTrips !== 1)
  if (!off) return { says: '1', met: true }
  const paths = off.exchanges.filter(({ path }) => hostKindOf(path) === 'graph').map(({ method, path }) => `${method} ${path}`)
  return {
    says: '1',
    met: false,
    reason: `A heartbeat made ${off.graphRoundTrips} Graph round trips (${paths.join(', ') || 'none'}): the steady state reads the tenant, the service principals and the grant in one \`$batch\`, so anything else is a regression in tenant-grant-reading.ts or a retry after a throttled or failed batch.`
  }
}

function tokenTarget(tokenRequests: readonly number[]): Row['target'] {
  const most = Math.max(...tokenRequests)
  if (most === 0) return { says: '0', met: true }
  return {
    says: '0',
    met: false,
    reason: `A heartbeat asked the token endpoint up to ${most} times while its access token was fresh: a silent token call missed MSAL’s cache (its scopes no longer match the cached token’s, e.g. \`.default\` or a permission the grant lacks).`
  }
}

function tokenBytesGap(heartbeats: readonly Traffic[], baselines: readonly Traffic[]): string {
  const made = [...heartbeats, ...baselines].reduce((sum, { tokenRequests }) => sum + tokenRequests, 0)
  return made === 0 ? 'none was made in these runs' : `${made} were made in these runs, and their bytes are missing`
}

function rangeOf(samples: readonly number[]): string {
  const { min, max } = figureOf(samples)
  return min === max ? String(min) : `${min}–${max}`
}

/** The run with the median total, split by host, so the split adds up to a real run. */
function bytesByHost(samples: readonly Traffic[]): string {
  const sorted = [...samples].sort((a, b) => a.bytes - b.bytes)
  const median = sorted[Math.floor(sorted.length / 2)]
  if (!median) return 'none'
  const kinds: MicrosoftHostKind[] = ['graph', 'management', 'token', 'other']
  const names: Record<MicrosoftHostKind, string> = { graph: 'Graph', management: 'Management API', token: 'token endpoint', other: 'other' }
  return kinds
    .map((kind) => ({ kind, bytes: median.exchanges.filter(({ path }) => hostKindOf(path) === kind).reduce((sum, e) => sum + e.requestBytes + e.responseBytes, 0) }))
    .filter(({ bytes }) => bytes > 0)
    .map(({ kind, bytes }) => `${names[kind]} ${bytes.toLocaleString('en-US')} B`)
    .join(', ')
}
