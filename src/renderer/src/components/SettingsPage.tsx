import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { CloudProfileId, SettingsView } from '../../../shared/settings.ts'
import { clientIdError, cloudChoices, effectiveSignIn, settingsInput } from '../settings-form.ts'
import { Breadcrumb } from './Breadcrumb.tsx'
import { useConsoleStore } from '../store/use-console-store.ts'
import { ActionFailureAlert, Busy, InlineFailure } from './Feedback.tsx'
import { HeartbeatIntervalSetting } from './HeartbeatIntervalSetting.tsx'

export function SettingsPage() {
  const settings = useConsoleStore((state) => state.settings)
  const loadError = useConsoleStore((state) => state.settingsLoadError)
  const load = useConsoleStore((state) => state.load)
  const headingRef = useRef<HTMLHeadingElement>(null)
  // The button that led here is gone; the page's heading takes focus, as a new page would.
  useEffect(() => headingRef.current?.focus(), [])
  return (
    <section className="page" aria-labelledby="settings-title">
      <Breadcrumb current="Settings" />
      <header className="page-header">
        <h1 id="settings-title" ref={headingRef} tabIndex={-1}>
          Settings
        </h1>
      </header>
      {loadError && settings === null && (
        <InlineFailure
          title="Settings could not be loaded."
          actions={
            <button type="button" className="button" onClick={() => void load()}>
              TRY AGAIN
            </button>
          }
        >
          <p>{loadError}</p>
        </InlineFailure>
      )}
      {settings === null ? (
        !loadError && <p className="muted">Loading settings…</p>
      ) : (
        <>
          <SettingsForm settings={settings} />
          <HeartbeatIntervalSetting settings={settings} />
          <UpdateChecksSetting settings={settings} />
        </>
      )}
    </section>
  )
}

interface FormValues {
  clientId: string
  cloud: CloudProfileId
}

function valuesOf(settings: SettingsView): FormValues {
  return { clientId: settings.clientId.value ?? '', cloud: settings.cloud.value ?? 'global' }
}

function SettingsForm({ settings }: { settings: SettingsView }) {
  const saving = useConsoleStore((state) => state.settingsSaving)
  const saved = useConsoleStore((state) => state.settingsSaved)
  const failure = useConsoleStore((state) => state.settingsFailure)
  const saveSettings = useConsoleStore((state) => state.saveSettings)
  const ids = { clientId: useId(), clientIdHint: useId(), clientIdError: useId(), cloud: useId(), cloudHint: useId() }
  const clientIdRef = useRef<HTMLInputElement>(null)

  // The form starts from what main holds, and starts again when that changes (a save, another window).
  const current = valuesOf(settings)
  const [basis, setBasis] = useState(current)
  const [values, setValues] = useState(current)
  const [error, setError] = useState<string | null>(null)
  if (basis.clientId !== current.clientId || basis.cloud !== current.cloud) {
    setBasis(current)
    setValues(current)
    setError(null)
  }

  const clientIdFromEnvironment = settings.clientId.source === 'environment'
  const cloudFromEnvironment = settings.cloud.source === 'environment'
  const locked = !settings.editable
  const description = cloudChoices.find((option) => option.id === values.cloud)?.description ?? ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (locked || saving) return
    const problem = clientIdFromEnvironment ? null : clientIdError(values.clientId)
    setError(problem)
    if (problem) {
      clientIdRef.current?.focus()
      return
    }
    void saveSettings(settingsInput(values.clientId, values.cloud))
  }

  return (
    <form className="panel settings-form" aria-labelledby="settings-sign-in" noValidate onSubmit={submit}>
      <h2 id="settings-sign-in">Microsoft 365 sign-in</h2>
      <p className="muted">Which app registration and which Microsoft cloud the console signs in to when you connect Microsoft 365.</p>
      {locked && settings.lockedReason && (
        <p className="inline-note" id="settings-locked">
          {settings.lockedReason}
        </p>
      )}
      <fieldset className="fields" disabled={locked}>
        <legend className="visually-hidden">Microsoft 365 sign-in</legend>
        <div className="field">
          <label htmlFor={ids.clientId}>Application (client) ID</label>
          <input
            id={ids.clientId}
            ref={clientIdRef}
            className="input"
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="00000000-0000-0000-0000-000000000000"
            value={values.clientId}
            readOnly={clientIdFromEnvironment}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${ids.clientIdError} ${ids.clientIdHint}` : ids.clientIdHint}
            onChange={(event) => {
              setValues({ ...values, clientId: event.target.value })
              if (error) setError(clientIdError(event.target.value))
            }}
            onBlur={() => !clientIdFromEnvironment && setError(clientIdError(values.clientId))}
          />
          {error && (
            <p id={ids.clientIdError} className="field-error">
              {error}
            </p>
          )}
          <p id={ids.clientIdHint} className="muted small">
            {clientIdFromEnvironment
              ? 'Set by the environment (M365_CLIENT_ID)'
              : 'The app registration’s client ID from the Microsoft Entra admin center. Not needed for the sandbox tenant.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.cloud}>Cloud</label>
          <select
            id={ids.cloud}
            className="input"
            value={values.cloud}
            disabled={cloudFromEnvironment}
            aria-describedby={ids.cloudHint}
            onChange={(event) => setValues({ ...values, cloud: event.target.value as CloudProfileId })}
          >
            {cloudChoices.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
          <p id={ids.cloudHint} className="muted small">
            {cloudFromEnvironment ? 'Set by the environment (M365_LOGIN_ENDPOINT, M365_GRAPH_ENDPOINT, M365_MANAGEMENT_ENDPOINT)' : description}
          </p>
        </div>
      </fieldset>
      <div className="effective">
        <h3>Sign-in uses now</h3>
        <p>{effectiveSignIn(settings)}</p>
      </div>
      <ActionFailureAlert failure={failure} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={locked} aria-disabled={saving || undefined}>
          Save settings
        </button>
        <div role="status">
          {saving && <Busy>Saving…</Busy>}
          {!saving && saved && 'Settings saved.'}
        </div>
      </div>
    </form>
  )
}

/** Its own switch, saved at once: it changes nothing about sign-in, so a connection does not lock it. */
function UpdateChecksSetting({ settings }: { settings: SettingsView }) {
  const setUpdateChecks = useConsoleStore((state) => state.setUpdateChecks)
  // The box follows the click at once; main's answer (or a failure, which puts it back) settles it.
  const [asked, setAsked] = useState<boolean | null>(null)
  const change = async (on: boolean) => {
    setAsked(on)
    await setUpdateChecks(on)
    setAsked(null)
  }
  const id = useId()
  const hint = useId()
  const fromEnvironment = settings.updateChecks.source === 'environment'
  return (
    <section className="panel settings-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Updates</h2>
      <div className="checkbox-field">
        <input
          id={id}
          type="checkbox"
          checked={asked ?? settings.updateChecks.value}
          disabled={fromEnvironment}
          aria-describedby={hint}
          onChange={(event) => void change(event.target.checked)}
        />
        <label htmlFor={id}>Check for updates automatically</label>
      </div>
      <p id={hint} className="muted small">
        {fromEnvironment
          ? 'Turned off by the environment (CONSOLE_UPDATES=off).'
          : 'The installed console looks for a new release when it starts and every 6 hours, and installs it when you quit.'}
      </p>
    </section>
  )
}
