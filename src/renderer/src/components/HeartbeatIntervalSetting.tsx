import { useId } from 'react'
import { heartbeatIntervalChoices } from '../../../shared/heartbeat.ts'
import type { SettingsView } from '../../../shared/settings.ts'
import { intervalLabel } from '../heartbeat-words.ts'
import { useConsoleStore } from '../store/use-console-store.ts'
import { ActionFailureAlert } from './Feedback.tsx'

/** How often the heartbeat runs, saved at once: it changes nothing about sign-in, so a connection does not lock it. */
export function HeartbeatIntervalSetting({ settings }: { settings: SettingsView }) {
  const setHeartbeatInterval = useConsoleStore((state) => state.setHeartbeatInterval)
  const failure = useConsoleStore((state) => state.heartbeatIntervalFailure)
  // The select follows the latest choice at once; that choice's answer (or its failure, which puts back the saved value) settles it.
  const asked = useConsoleStore((state) => state.heartbeatIntervalAsked)
  const id = useId()
  const hint = useId()
  const { seconds, source } = settings.heartbeatInterval
  const fromEnvironment = source === 'environment'
  const shown = asked ?? seconds
  const offered: readonly number[] = heartbeatIntervalChoices
  // A value that is not among the choices (the environment's, or an older release's) is still shown as it is.
  const choices = offered.includes(shown) ? offered : [shown, ...offered]
  return (
    <section className="panel settings-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Heartbeat</h2>
      <div className="field">
        <label htmlFor={id}>Heartbeat interval</label>
        <select
          id={id}
          className="input input-narrow"
          value={shown}
          disabled={fromEnvironment}
          aria-describedby={hint}
          onChange={(event) => void setHeartbeatInterval(Number(event.target.value))}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {intervalLabel(choice)}
            </option>
          ))}
        </select>
        <p id={hint} className="muted small">
          {fromEnvironment
            ? `${intervalLabel(seconds)} (set by CONSOLE_HEARTBEAT_SECONDS). The environment decides it, so it cannot be changed here.`
            : 'How often the console checks the Microsoft 365 connection. It also checks at launch, after sleep and when the network returns.'}
        </p>
      </div>
      <ActionFailureAlert failure={failure} />
    </section>
  )
}
