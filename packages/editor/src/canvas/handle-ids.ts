// React Flow handle ids: the unnamed output is `out`, named ones `out:<name>`, the input `in`.

export function handleDomId(handle: string | null): string {
  return handle === null ? 'out' : `out:${handle}`;
}

export function handleFromDomId(id: string | null | undefined): string | null {
  if (!id || id === 'out') return null;
  return id.startsWith('out:') ? id.slice(4) : id;
}
