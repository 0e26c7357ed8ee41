import type { PermissionRow } from '../permission-rows.ts'

/** One row per permission: its name, its resource, what the console uses it for, and Granted or Missing. */
export function PermissionList({ rows, labelledBy }: { rows: readonly PermissionRow[]; labelledBy: string }) {
  return (
    <div className="permission-frame">
      <table className="permission-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Permission</th>
            <th scope="col">What the console uses it for</th>
            <th scope="col" className="permission-state">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.resource}/${row.name}`} className={`permission-${row.state}`}>
              <th scope="row">
                <span className="permission-name">{row.name}</span>
                <span className="permission-resource">{row.resource}</span>
              </th>
              <td className="permission-purpose">{row.purpose}</td>
              <td className="permission-state">
                <span className={`badge ${row.state === 'granted' ? 'badge-ok' : 'badge-missing'}`}>{row.state === 'granted' ? 'Granted' : 'Missing'}</span>
                {row.justGranted && <span className="permission-fresh">just now</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
