import { Dialog } from '../ui/components.tsx';

export const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Ctrl/⌘ + C / X / V', 'Copy, cut, paste steps (as JSON, also between tabs)'],
  ['Ctrl/⌘ + A', 'Select every step'],
  ['Delete, Backspace', 'Delete the selection'],
  ['Shift + drag, Ctrl/⌘ + click', 'Select several steps'],
  ['Shift + L', 'Tidy up (auto-layout)'],
  ['Shift + F', 'Fit the workflow in view'],
  ['Shift + M', 'Show or hide the minimap'],
  ['?', 'This help'],
];

export function ShortcutsHelp(props: { open: boolean; onOpenChange(o: boolean): void }) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title="Keyboard shortcuts">
      <table className="list" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td style={{ width: '45%' }}>
                {keys.split(', ').map((k) => (
                  <kbd key={k} style={{ marginRight: 6 }}>
                    {k}
                  </kbd>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
