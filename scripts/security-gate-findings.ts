import { matchesGlob } from 'node:path'

/**
 * The security gate's pure logic: which Electronegativity findings the checked-in accepted list
 * (.ci/electronegativity-accepted.json) explains, which it does not, and which of its explanations no
 * longer match anything. scripts/security-gate.ts runs Electronegativity and hands its findings here.
 */

/** One Electronegativity finding, with its file relative to the repository, in forward slashes. */
export interface Finding {
  check: string
  file: string
  line: number
  column: number
  severity: string
  confidence: string
  manualReview: boolean
  /** The flagged source line, when Electronegativity reports one. */
  sample?: string
  description: string
}

/** Why one check does not apply to one file (or glob of files). */
export interface AcceptedEntry {
  check: string
  file: string
  reason: string
  /** When set, the flagged line must contain this text (e.g. the guard that makes an openExternal safe). */
  code?: string
}

export interface Verdict {
  finding: Finding
  /** The entry that explains the finding; none means the finding is unexplained and fails the gate. */
  acceptedBy?: AcceptedEntry
}

export interface GateResult {
  verdicts: Verdict[]
  /** Entries that matched no finding: the code they explained has changed, so they fail the gate too. */
  stale: AcceptedEntry[]
  passed: boolean
}

/** Reads the accepted list, refusing anything but an array of well-formed entries with a reason. */
export function parseAcceptedList(json: unknown, source = 'the accepted list'): AcceptedEntry[] {
  if (!Array.isArray(json)) throw new Error(`${source} must be a JSON array of { check, file, reason } entries`)
  return json.map((entry: unknown, index) => {
    const where = `${source}, entry ${index}`
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`${where} is not an object`)
    const fields = entry as Record<string, unknown>
    const unknownKeys = Object.keys(fields).filter((key) => !['check', 'file', 'reason', 'code'].includes(key))
    if (unknownKeys.length > 0) throw new Error(`${where} has unknown keys: ${unknownKeys.join(', ')}`)
    const text = (key: string): string => {
      const value = fields[key]
      if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where} needs a non-empty "${key}"`)
      return value
    }
    const accepted: AcceptedEntry = { check: text('check'), file: text('file'), reason: text('reason') }
    if (fields.code !== undefined) accepted.code = text('code')
    return accepted
  })
}

export function explains(entry: AcceptedEntry, finding: Finding): boolean {
  if (entry.check !== finding.check) return false
  if (entry.file !== finding.file && !matchesGlob(finding.file, entry.file)) return false
  return entry.code === undefined || (finding.sample ?? '').includes(entry.code)
}

/** Every finding needs an entry that explains it, and every entry must explain at least one finding. */
export function judgeFindings(findings: readonly Finding[], accepted: readonly AcceptedEntry[]): GateResult {
  const used = new Set<AcceptedEntry>()
  const verdicts = findings.map((finding): Verdict => {
    const acceptedBy = accepted.find((entry) => explains(entry, finding))
    if (!acceptedBy) return { finding }
    used.add(acceptedBy)
    return { finding, acceptedBy }
  })
  const stale = accepted.filter((entry) => !used.has(entry))
  return { verdicts, stale, passed: verdicts.every((verdict) => verdict.acceptedBy) && stale.length === 0 }
}

/** A plain-text table: check, file:line, accepted or not, and the reason (or what to do). */
export function formatGateTable(result: GateResult): string {
  const rows: string[][] = [
    ...result.verdicts.map(({ finding, acceptedBy }) => [
      finding.check,
      `${finding.file}:${finding.line}`,
      acceptedBy ? 'accepted' : 'NOT ACCEPTED',
      acceptedBy ? acceptedBy.reason : `${finding.description} (fix it, or explain it in the accepted list)`
    ]),
    ...result.stale.map((entry) => [
      entry.check,
      entry.file,
      'STALE',
      `matches no finding${entry.code ? ` on a line containing "${entry.code}"` : ''}: remove or update this explanation`
    ])
  ]
  if (rows.length === 0) return 'No findings, and no accepted explanations.'
  const header = ['check', 'file:line', 'verdict', 'reason']
  const widths = header.slice(0, 3).map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column < widths.length ? cell.padEnd(widths[column] ?? 0) : cell))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((width) => '-'.repeat(width)).concat('------')), ...rows.map(line)].join('\n')
}

/** The findings and their verdicts as CSV, for reports/. */
export function formatGateCsv(result: GateResult): string {
  const quote = (value: string | number | boolean | undefined) => `"${String(value ?? '').replaceAll('"', '""')}"`
  const header = ['check', 'severity', 'confidence', 'manual review', 'file', 'line', 'column', 'sample', 'description', 'verdict', 'reason']
  const rows = result.verdicts.map(({ finding, acceptedBy }) => [
    finding.check,
    finding.severity,
    finding.confidence,
    finding.manualReview,
    finding.file,
    finding.line,
    finding.column,
    finding.sample,
    finding.description,
    acceptedBy ? 'accepted' : 'not accepted',
    acceptedBy?.reason
  ])
  const staleRows = result.stale.map((entry) => [entry.check, '', '', '', entry.file, '', '', entry.code, '', 'stale', entry.reason])
  return [header, ...rows, ...staleRows].map((row) => row.map(quote).join(',')).join('\n') + '\n'
}
