import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { whenLoaded } from './store/first-paint.ts'
import { consoleStore } from './store/use-console-store.ts'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element')

// Started here rather than in App, so the first paint already holds what main stored (the tiles,
// their status and the last heartbeat) instead of a "Loading…" line in front of it.
consoleStore.getState().start()
void whenLoaded(consoleStore).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
)
