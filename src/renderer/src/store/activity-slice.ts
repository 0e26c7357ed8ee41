import type { Revised } from '../../../shared/contract-names.ts'
import type { ActivityEntry } from '../../../shared/microsoft-365.ts'
import { describe, type Slice, type SliceKit } from './store-kit.ts'

export interface ActivitySlice {
  /** The connection history, newest first; null until loaded. */
  activity: ActivityEntry[] | null
  activityRevision: number
  activityLoadError: string | null
}

/** Newest first, whatever order main sends; ties keep main's order. */
export function newestFirst(entries: readonly ActivityEntry[]): ActivityEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map(({ entry }) => entry)
}

export function createActivitySlice({ set, get, api }: SliceKit): Slice<ActivitySlice> {
  const acceptActivity = ({ revision, value }: Revised<ActivityEntry[]>) => {
    if (revision < get().activityRevision) return
    set({ activity: newestFirst(value), activityRevision: revision, activityLoadError: null })
  }
  return {
    state: { activity: null, activityRevision: -1, activityLoadError: null },
    load: async () => {
      try {
        acceptActivity(await api().listActivity())
      } catch (error) {
        set({ activityLoadError: describe(error) })
      }
    },
    receive: (snapshot) => acceptActivity(snapshot.activity),
    subscribe: () => api().onActivityChanged(acceptActivity)
  }
}
