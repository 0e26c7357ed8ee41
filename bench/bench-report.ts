/**
 * What each benchmark hands the runner, and how the runner writes it into `bench/RESULTS.md`.
 * A figure is always several samples, reported as median, min and max, so one noisy run cannot
 * pass for the truth; a ratio is computed from samples taken side by side in the same run.
 */

export interface Figure {
  median: number
  min: number
  max: number
  runs: number
}

export function figureOf(samples: readonly number[]): Figure {
  if (samples.length === 0) throw new Error('A figure needs at least one sample.')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
  return { median, min: sorted[0] as number, max: sorted.at(-1) as number, runs: sorted.length }
}

/** Pairs samples taken side by side (run i of each) and divides them, so the ratio is per run, then summarised. */
export function ratioOf(numerators: readonly number[], denominators: readonly number[]): Figure {
  if (numerators.length !== denominators.length) throw new Error('A ratio pairs samples taken side by side: the counts differ.')
  return figureOf(numerators.map((value, index) => value / (denominators[index] as number)))
}

export interface Target {
  /** As people read it: "≤ 150 KB gzip", "1". */
  says: string
  met: boolean
  /** Why a missed target was missed, and what would meet it. Required when `met` is false. */
  reason?: string
  /** A miss fails `npm run bench` (not the tests): the bundle budgets. */
  enforced?: boolean
}

export interface Row {
  measure: string
  unit: string
  /** A measured figure, or a single count or size that does not vary between runs. */
  value: Figure | number
  /** Decimal places shown. */
  digits?: number
  target?: Target
}

export interface Section {
  title: string
  /** What was measured and how, in a sentence or two. */
  method: string
  rows: Row[]
  /** Anything a reader needs besides the table: conditions, caveats. */
  notes?: string[]
}

export interface Machine {
  description: string
  date: string
  commit: string
  durationSeconds: number
}

const format = (value: number, digits: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

function verdict(target: Target | undefined): string {
  if (!target) return ''
  return `${target.says}: ${target.met ? 'met' : '**missed**'}`
}

function rowLine(row: Row): string {
  const digits = row.digits ?? 1
  const cells =
    typeof row.value === 'number'
      ? [format(row.value, digits), '', '', '1']
      : [format(row.value.median, digits), format(row.value.min, digits), format(row.value.max, digits), String(row.value.runs)]
  return `| ${[row.measure, row.unit, ...cells, verdict(row.target)].join(' | ')} |`
}

export function renderResults(machine: Machine, sections: readonly Section[]): string {
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench`; do not edit by hand. Each figure is the median of its runs, with the min and max; a single value did not vary between runs.',
    '',
    `- **Machine:** ${machine.description}`,
    `- **Date:** ${machine.date}`,
    `- **Commit:** ${machine.commit}`,
    `- **Whole run:** ${format(machine.durationSeconds, 0)} s`,
    ''
  ]
  const missed = sections.flatMap((section) => section.rows.filter((row) => row.target && !row.target.met).map((row) => ({ section, row })))
  lines.push('## Targets', '')
  const targeted = sections.flatMap((section) => section.rows.filter((row) => row.target).map((row) => ({ section, row })))
  if (targeted.length === 0) lines.push('None in this run.')
  for (const { section, row } of targeted) {
    lines.push(`- ${row.target?.met ? 'Met' : '**Missed**'}: ${section.title}, ${row.measure} (${row.target?.says}).`)
  }
  if (missed.length > 0) {
    lines.push('', '### Why each miss', '')
    for (const { section, row } of missed) lines.push(`- **${section.title}, ${row.measure}:** ${row.target?.reason ?? 'no reason given'}`)
  }
  for (const section of sections) {
    lines.push('', `## ${section.title}`, '', section.method, '')
    lines.push('| Measure | Unit | Median | Min | Max | Runs | Target |', '| --- | --- | ---: | ---: | ---: | ---: | --- |')
    for (const row of section.rows) lines.push(rowLine(row))
    if (section.notes?.length) lines.push('', ...section.notes.map((note) => `- ${note}`))
  }
  return `${lines.join('\n')}\n`
}

/** The enforced targets that were missed: these make `npm run bench` exit non-zero. */
export function enforcedMisses(sections: readonly Section[]): string[] {
  return sections.flatMap((section) => section.rows.filter((row) => row.target?.enforced && !row.target.met).map((row) => `${section.title}: ${row.measure}`))
}

/** Runs `work` `runs` times after `warmUp` unmeasured runs, and returns each run's milliseconds. */
export async function timeRuns(runs: number, work: () => unknown, warmUp = 1): Promise<number[]> {
  for (let i = 0; i < warmUp; i += 1) await work()
  const samples: number[] = []
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now()
    await work()
    samples.push(performance.now() - started)
  }
  return samples
}
