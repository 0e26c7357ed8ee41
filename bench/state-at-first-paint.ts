import type { Section } from './bench-report.ts'

export function benchStateAtFirstPaint(): Promise<Section> {
  return Promise.reject(new Error('state-at-first-paint is not built yet.'))
}
