import type { Section } from './bench-report.ts'

export function benchHeartbeatSoak(): Promise<Section> {
  return Promise.reject(new Error('heartbeat-soak is not built yet.'))
}
