import { ProductMark } from './icons.tsx'
import { NoticeArea } from './NoticeArea.tsx'

export function TopBar() {
  return (
    <header className="top-bar">
      <div className="top-bar-brand">
        <ProductMark />
        <span>Protection Console</span>
      </div>
      <NoticeArea />
    </header>
  )
}
