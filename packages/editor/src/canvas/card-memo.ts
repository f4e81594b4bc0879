// When a card must re-render. React Flow hands a card its position too, so a card being dragged
// would re-render (icon, summary, handles, labels) on every frame although only its wrapper's
// transform changes; the card shows none of React Flow's per-frame props.
export interface CardProps {
  id: string;
  data: unknown;
  selected?: boolean;
  isConnectable?: boolean;
}

/** The props a card shows are the same: React may keep the rendered card. */
export function sameCard(a: CardProps, b: CardProps): boolean {
  return (
    a.id === b.id && a.data === b.data && a.selected === b.selected && a.isConnectable === b.isConnectable
  );
}
