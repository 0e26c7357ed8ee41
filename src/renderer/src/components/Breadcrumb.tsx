import { useConsoleStore } from '../store/use-console-store.ts'

/** Every page below the Control Panel leads back to it the same way. */
export function Breadcrumb({ current }: { current: string }) {
  const navigate = useConsoleStore((state) => state.navigate)
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <button type="button" className="link-button" onClick={() => navigate('controlPanel')}>
            Control Panel
          </button>
        </li>
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  )
}
