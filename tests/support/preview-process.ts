import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const root = join(import.meta.dirname, '../..')

/** The line the preview prints for people to open: its address with the one-time token. */
export const printedTokenUrl = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/

export interface PreviewProcess {
  /** The printed URL, as a person would copy it from the terminal. It works once. */
  tokenUrl: string
  /** The console's clean address, where the printed URL leads. */
  url: string
  /** The built-in sandbox's base URL, which the preview prints after its own when it uses one. */
  sandboxUrl(): Promise<string>
  stop(): Promise<void>
}

const printedSandbox = /^sandbox tenant \(no M365_CLIENT_ID set\): (http:\/\/127\.0\.0\.1:\d+\/)/

export interface PreviewProcessOptions {
  /** `npm run preview:web` (build, then serve) instead of serving what `out/` already holds. */
  buildFirst?: boolean
  env: NodeJS.ProcessEnv
  timeoutMs?: number
}

/**
 * Starts the web preview as a person would, and waits for the URL it prints. The process leads its own
 * process group, so that stopping it also stops the Node that `npm run` starts under it.
 */
export async function startPreviewProcess(options: PreviewProcessOptions): Promise<PreviewProcess> {
  const [command, args] = options.buildFirst ? ['npm', ['run', 'preview:web']] : [process.execPath, ['src/preview/main.ts']]
  const child = spawn(command, args, { cwd: root, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const stop = () => stopProcessGroup(child)
  let sandboxFound: (url: string) => void = () => {}
  const sandbox = new Promise<string>((resolve) => (sandboxFound = resolve))
  try {
    const tokenUrl = await waitForTokenUrl(child, options.timeoutMs ?? 30_000, (line) => {
      output += `${line}\n`
      const printed = printedSandbox.exec(line)?.[1]
      if (printed) sandboxFound(printed)
    })
    const sandboxUrl = () =>
      Promise.race([
        sandbox,
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('The web preview printed no sandbox address.')), 10_000).unref())
      ])
    return { tokenUrl, url: tokenUrl.slice(0, tokenUrl.indexOf('?')), sandboxUrl, stop }
  } catch (error) {
    await stop()
    throw new Error(`The web preview did not print its URL: ${(error as Error).message}\n${output.slice(-4000)}`, { cause: error })
  }
}

function waitForTokenUrl(child: ChildProcess, timeoutMs: number, onLine: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within ${timeoutMs} ms`)), timeoutMs)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      onLine(line)
      if (printedTokenUrl.test(line)) {
        clearTimeout(timer)
        resolve(line)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`it exited with code ${code}`))
    })
  })
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = once(child, 'exit')
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return
  }
  await exited
}
