// Node and UI icons as inline SVG paths (no icon font or network). Names match NodeSpec.icon.
const paths: Record<string, string> = {
  play: 'M6 4l10 6-10 6z',
  webhook:
    'M10 3a4 4 0 0 1 3.5 6M6.5 9A4 4 0 1 0 10 15h5M13.5 9 10 15M6 15a2 2 0 1 1 0-.01M15 15a2 2 0 1 1 0-.01M10 3a2 2 0 1 1 0 .01',
  split: 'M4 10h5l4-5h3M9 10l4 5h3M14 3l2 2-2 2M14 13l2 2-2 2',
  switch: 'M4 10h4M8 10l4-6h4M8 10h8M8 10l4 6h4',
  clock: 'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM10 6v4l3 2',
  repeat: 'M4 8a5 5 0 0 1 9-3l2 2M16 12a5 5 0 0 1-9 3l-2-2M15 3v4h-4M5 17v-4h4',
  parallel: 'M4 10h3M7 5v10M7 5h9M7 10h9M7 15h9',
  merge: 'M4 5h4l4 5h4M4 15h4l4-5',
  approval: 'M4 10l4 4 8-8',
  stop: 'M5 5h10v10H5z',
  transform: 'M4 7h9l-3-3M16 13H7l3 3',
  globe:
    'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM3 10h14M10 3c2.5 2.5 2.5 11.5 0 14M10 3c-2.5 2.5-2.5 11.5 0 14',
  plus: 'M10 4v12M4 10h12',
  layout: 'M3 4h5v5H3zM12 11h5v5h-5zM8 6.5h2v7h2',
  fit: 'M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4',
  undo: 'M7 5L3 9l4 4M3 9h9a4 4 0 0 1 0 8H9',
  redo: 'M13 5l4 4-4 4M17 9H8a4 4 0 0 0 0 8h3',
  keyboard: 'M2 5h16v10H2zM5 8h1M8 8h1M11 8h1M14 8h1M6 12h8',
  map: 'M3 5l5-2 4 2 5-2v12l-5 2-4-2-5 2z',
  sun: 'M10 6a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM10 1v2M10 17v2M1 10h2M17 10h2M4 4l1.5 1.5M14.5 14.5 16 16M4 16l1.5-1.5M14.5 5.5 16 4',
  moon: 'M15 12A6 6 0 0 1 8 5a6 6 0 1 0 7 7z',
  trash: 'M4 6h12M8 6V4h4v2M6 6l1 10h6l1-10',
  step: 'M4 4h12v12H4z',
};

export function Icon({ name, size = 16 }: { name?: string; size?: number }) {
  const d = paths[name ?? ''] ?? paths.step;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={d} />
    </svg>
  );
}
