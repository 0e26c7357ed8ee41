import type { Section } from './bench-report.ts'

export function benchBundleSize(): Promise<Section> {
  return Promise.reject(new Error('bundle-size is not built yet.'))
}
