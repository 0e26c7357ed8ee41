import type { Section } from './bench-report.ts'

export function benchConnectFlow(): Promise<Section> {
  return Promise.reject(new Error('connect-flow is not built yet.'))
}
