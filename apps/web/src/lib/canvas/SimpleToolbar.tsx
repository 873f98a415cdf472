import { useSyncExternalStore } from 'react';
import {
  DefaultToolbar,
  TldrawUiButtonIcon,
  TldrawUiToolbar,
  TldrawUiToolbarButton,
  useContainer,
  useIsToolSelected,
  useReadonly,
  useTools,
} from 'tldraw';
import './simpleToolbar.css';

/** The tools the simpler view offers, with the plain words it shows and says for each. */
export const SIMPLE_TOOLS = [
  { id: 'select', label: 'Choose and move' },
  { id: 'hand', label: 'Move around' },
  { id: 'note', label: 'Sticky note' },
  { id: 'text', label: 'Write text' },
] as const;

/**
 * tldraw's toolbar, or in the simpler view (the page's `data-simple="true"`, see
 * SimpleViewToggle) a few large tools with plain words shown beside their icons.
 */
export function BoardToolbar() {
  const simple = useSimpleView(useContainer());
  const readonly = useReadonly();
  if (!simple) return <DefaultToolbar />;
  if (readonly) return null;
  return (
    <div className="tlui-toolbar qi-simple-toolbar">
      <div className="tlui-toolbar__inner">
        <TldrawUiToolbar className="tlui-toolbar__tools" label="Tools">
          {SIMPLE_TOOLS.map((tool) => (
            <SimpleTool key={tool.id} id={tool.id} label={tool.label} />
          ))}
        </TldrawUiToolbar>
      </div>
    </div>
  );
}

function SimpleTool({ id, label }: { id: string; label: string }) {
  const tool = useTools()[id];
  const selected = useIsToolSelected(tool);
  if (!tool) return null;
  return (
    <TldrawUiToolbarButton
      type="tool"
      className="qi-simple-tool"
      aria-pressed={selected ? 'true' : 'false'}
      data-testid={`tools.${id}`}
      data-value={id}
      onClick={() => tool.onSelect('toolbar')}
    >
      {typeof tool.icon === 'string' && <TldrawUiButtonIcon icon={tool.icon} />}
      <span className="qi-simple-tool-label">{label}</span>
    </TldrawUiToolbarButton>
  );
}

/** True while the page around the editor shows the simpler view (its `data-simple` attribute). */
function useSimpleView(container: HTMLElement): boolean {
  return useSyncExternalStore(
    (changed) => {
      const page = container.closest('[data-simple]');
      if (!page) return () => {};
      const watcher = new MutationObserver(changed);
      watcher.observe(page, { attributes: true, attributeFilter: ['data-simple'] });
      return () => watcher.disconnect();
    },
    () => container.closest('[data-simple]')?.getAttribute('data-simple') === 'true',
  );
}
