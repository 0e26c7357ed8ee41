import type { Section } from './bench-report.ts'

export function benchHeartbeatWireCost(): Promise<Section> {
  return Promise.reject(new Error('heartbeat-wire-cost is not built yet.'))
}
