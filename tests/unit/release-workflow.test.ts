import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The release workflow cannot run here, so this holds its shape to GitHub Actions' syntax and to what a
 * release needs. js-yaml is electron-builder's and electron-updater's parser, loaded by name (it ships no types).
 */
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  'runs-on': string
  steps: Step[]
}
interface Workflow {
  on: { push: { tags: string[] } }
  jobs: Record<string, Job>
}

const workflow = load(readFileSync(resolve(import.meta.dirname, '../../.github/workflows/release.yml'), 'utf8')) as Workflow

function jobOn(runner: string): Job {
  const job = Object.values(workflow.jobs).find((candidate) => candidate['runs-on'] === runner)
  if (!job) throw new Error(`no job runs on ${runner}`)
  return job
}

function stepRunning(job: Job, command: string): Step {
  const step = job.steps.find((candidate) => candidate.run?.startsWith(command))
  if (!step) throw new Error(`no step runs ${command}`)
  return step
}

/** Each secret is handed to the step by its own name, from the repository's secrets. */
function expectSecrets(step: Step, names: string[]): void {
  for (const name of names) expect(step.env?.[name], name).toBe(`\${{ secrets.${name} }}`)
}

function uploadedPaths(job: Job): string[] {
  const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))
  expect(upload).toBeDefined()
  const path = upload?.with?.path
  expect(typeof path).toBe('string')
  return String(path)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

describe('the release workflow', () => {
  it('runs on version tags only', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } })
  })

  it('has a Windows job and a macOS job, each installing exactly what the lock file says with Node 24', () => {
    for (const runner of ['windows-latest', 'macos-latest']) {
      const job = jobOn(runner)
      expect(job.steps.some((step) => step.uses?.startsWith('actions/checkout@'))).toBe(true)
      const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))
      expect(String(setupNode?.with?.['node-version'])).toBe('24')
      stepRunning(job, 'npm ci')
    }
  })

  it('builds and signs the NSIS installer on Windows, and uploads it with its update file', () => {
    const job = jobOn('windows-latest')
    expectSecrets(stepRunning(job, 'npm run build:win'), ['CSC_LINK', 'CSC_KEY_PASSWORD'])
    expect(uploadedPaths(job)).toEqual(expect.arrayContaining(['dist/*.exe', 'dist/latest*.yml']))
  })

  it('builds, signs and notarizes the dmg and zip on macOS, and uploads them with the update file', () => {
    const job = jobOn('macos-latest')
    expectSecrets(stepRunning(job, 'npm run build:mac'), ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'])
    expect(uploadedPaths(job)).toEqual(expect.arrayContaining(['dist/*.dmg', 'dist/*.zip', 'dist/latest*.yml']))
  })

  it('never puts a secret’s value in the file', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../.github/workflows/release.yml'), 'utf8')
    for (const [, value] of text.matchAll(/^\s*(?:CSC_LINK|CSC_KEY_PASSWORD|APPLE_[A-Z_]+):\s*(.+)$/gm)) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/)
  })
})
