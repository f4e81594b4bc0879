// JSONata functions that reproduce the JavaScript semantics json-logic-js relies on where a
// compiled condition cannot decide by type alone (ToNumber of a text, ToPrimitive, loose equality,
// relational comparison, property access by index). They appear only in the general branch of a
// comparison (conditions-compare.ts), declared inside that branch, so the typed fast path that
// decides the common cases never binds them.
//
// Helper names start with `_`, which node ids cannot (`^[a-z]...`), so they never shadow `$<nodeId>`.
// Values are JSON values; JavaScript's NaN is represented by `undefined` and ±Infinity (only
// reachable from strings such as "Infinity" or "1e999") by the strings 'Infinity' / '-Infinity'.
// A "ref" says where an array/object value came from, so `==`, `===` and `in` can compare
// objects by identity like JavaScript does: 'v:<var path>' for data, 'n:<k>' for a value the
// rule builds, or `{"n": k, "items": [refs]}` for an array the rule builds from other values.

interface Helper {
  deps: string[];
  source: string;
}

const HELPERS: Record<string, Helper> = {
  // String(v) for a JSON value; an array joins its elements with ',', null elements as ''.
  _str: {
    deps: [],
    source: `function($v){( $t := $type($v);
      $t = 'string' ? $v :
      $t = 'array' ? ($count($v) = 0 ? '' : $join($map($v, function($e){ $type($e) = 'null' ? '' : $_str($e) }), ',')) :
      $t = 'object' ? '[object Object]' : $string($v) )}`,
  },
  // ToPrimitive: arrays and objects become texts, everything else stays.
  _prim: {
    deps: ['_str'],
    source: `function($v){ $type($v) in ['array', 'object'] ? $_str($v) : $v }`,
  },
  // ToNumber of a JSON value (undefined stands for NaN; an absent value counts as null, 0). A
  // text is trimmed; '' is 0; decimal, 0x/0o/0b and Infinity literals. An array is its text's
  // number: [] is 0, [x] is x's (a boolean's text is not a number), longer ones are NaN.
  _num: {
    deps: [],
    // $number reads a decimal exactly (parseFloat) once written its way (no '+', no bare '.'),
    // but refuses what would overflow: the magnitude $f says beforehand. Plain decimals with at
    // most 300 integer digits (the usual numeric texts) cannot overflow and go straight to it.
    source: `function($v){( $t := $type($v);
      $t = 'number' ? $v : $t = 'boolean' ? ($v ? 1 : 0) :
      $t = 'array' ? ($count($v) = 0 ? 0 : $count($v) = 1 and $type($v[0]) != 'boolean' ? $_num($v[0])) :
      $t = 'string' ? $contains($v, /^-?[0-9]{1,300}([.][0-9]+)?$/) ? $number($v) : (
        $s := $replace($v, /^\\s+|\\s+$/, '');
        $g := $contains($s, /^-/) ? '-' : '';
        $u := $replace($s, /^[+-]/, '');
        $s = '' ? 0 :
        $u = 'Infinity' ? $g & 'Infinity' :
        $contains($s, /^0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)$/) ? $number($s) :
        $contains($u, /^([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$/) ? (
          $u := $replace($replace($u, /^[.]/, '0.'), /[.]([eE]|$)/, '$1');
          $p := $split($u, /[eE]/);
          $r := $replace($p[0], /^[0.]+/, '');
          $i := $length($substringBefore($p[0], '.'));
          $k := $length($p[0]) - $length($r);
          $f := $i - $k - ($k < $i ? 1 : 0) + ($p[1] ? $number($replace($p[1], '+', '')) : 0);
          $r = '' ? 0 :
          $f > 308 or ($f = 308 and $substring($replace($r, '.', '') & '0000000000000000', 0, 17) >= '17976931348623158')
            ? $g & 'Infinity' : $number($g & $u) ) ) :
      $not($t = 'object') ? 0 )}`,
  },
  // The abstract relational comparison behind < <= > >=: -1, 0, 1, or undefined (NaN involved).
  // Two texts compare by code units, anything else as numbers.
  _cmp: {
    deps: ['_prim', '_num'],
    source: `function($a, $b){( $a := $_prim($a); $b := $_prim($b);
      $type($a) = 'string' and $type($b) = 'string' ? ($a < $b ? -1 : $a > $b ? 1 : 0) : (
        $a := $_num($a); $b := $_num($b);
        $exists($a) and $exists($b) ? (
          $c := $a = 'Infinity' ? 1 : $a = '-Infinity' ? -1 : 0;
          $d := $b = 'Infinity' ? 1 : $b = '-Infinity' ? -1 : 0;
          $c != $d ? ($c < $d ? -1 : 1) : $c != 0 ? 0 : $a < $b ? -1 : $a > $b ? 1 : 0 ) ) )}`,
  },
  // JavaScript == (IsLooselyEqual) between JSON values; $c and $d are their refs.
  _leq: {
    deps: ['_prim', '_num'],
    source: `function($a, $b, $c, $d){( $e := $type($a); $f := $type($b);
      $e in ['array', 'object'] and $f in ['array', 'object'] ? $c = $d :
      $e = $f ? $a = $b :
      $e = 'null' or $f = 'null' ? false :
      $e in ['array', 'object'] ? $_leq($_prim($a), $b, '', $d) :
      $f in ['array', 'object'] ? $_leq($a, $_prim($b), $c, '') :
      $_num($a) = $_num($b) )}`,
  },
  // The ref of element i of an array whose ref is r.
  _eref: {
    deps: [],
    source: `function($r, $i){ $type($r) = 'object' ? $r.items[$i] : $r & '.' & $i }`,
  },
  // json-logic "in": substring of a text, or strict (===) membership in an array.
  _in: {
    deps: ['_str', '_eref'],
    source: `function($a, $b, $c, $d){( $t := $type($b);
      $t = 'string' ? ($b != '' and $contains($b, $_str($a))) :
      $t = 'array' ? true in $map($b, function($e, $i){ $type($e) = $type($a) and
        ($type($e) in ['array', 'object'] ? $_eref($d, $i) = $c : $e = $a) }) : false )}`,
  },
  // Property access the JavaScript way (data[key]) for `length` and indexes; undefined when absent.
  _at: {
    deps: [],
    source: `function($v, $k){( $t := $type($v);
      $t = 'object' ? $lookup($v, $k) :
      $t = 'array' ? ($k = 'length' ? $count($v) :
        $contains($k, /^(0|[1-9][0-9]*)$/) and $number($k) < $count($v) ? $v[$number($k)]) :
      $t = 'string' ? ($k = 'length' ? $count($match($v, /[\\s\\S]/)) :
        $contains($k, /^(0|[1-9][0-9]*)$/) ? $match($v, /[\\s\\S]/)[$number($k)].match) )}`,
  },
  // [x] for any x (JSONata's array constructor would splice an array x into its parent).
  _wrap: {
    deps: [],
    source: `function($x){ $type($x) = 'array' ? [[$x]] : [$x] }`,
  },
};

export type HelperName = keyof typeof HELPERS;

/**
 * A helper's source, shortened: no white space where JSONata does not need it, and the names it
 * binds (parameters, `$x :=`) cut to one letter. Every compiled condition carries its helpers, and
 * a state machine definition is limited to 1 MiB, so each byte counts ~hundreds of times.
 */
export function minifyHelper(source: string): string {
  // Names bound in the helper, longest first so `$pa` is not renamed inside `$pab`.
  const bound = new Set<string>();
  for (const m of source.matchAll(/function\(([^)]*)\)/g))
    for (const p of m[1].split(',')) if (p.trim()) bound.add(p.trim().slice(1));
  for (const m of source.matchAll(/\$([a-z][a-z0-9]*)\s*:=/g)) bound.add(m[1]);
  const used = new Set([...source.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  const free = 'abcdefghijklmnopqrsuvwxyz'.split('').filter((c) => !used.has(c));
  const rename = new Map<string, string>();
  for (const name of [...bound].sort((a, b) => b.length - a.length)) {
    if (name.length > 1) rename.set(name, free.shift() ?? name);
  }
  let out = '';
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    // Texts and regular expressions (in helpers, `/` only ever opens one) are kept as written.
    if (c === "'" || c === '"' || c === '/') {
      let j = i + 1;
      while (source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else if (c === '$') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i + 1))?.[0] ?? '';
      out += `$${rename.get(name) ?? name}`;
      i += 1 + name.length;
    } else if (/\s/.test(c)) {
      while (i < source.length && /\s/.test(source[i])) i++;
      // A space stays only between two word characters (`$a and $b`, `$t in [..]`).
      if (/[\w$]/.test(out.at(-1) ?? '') && /[\w$]/.test(source[i] ?? '')) out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const DECLARATIONS: Record<string, string> = Object.fromEntries(
  Object.entries(HELPERS).map(([name, helper]) => [name, `$${name}:=${minifyHelper(helper.source)}`]),
);

/** The `$name:=function…` declarations for the given helpers and what they depend on, in a
 *  stable order (declaration order above), so the same rule always gives the same text. */
export function helperDeclarations(used: Iterable<string>): string[] {
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    const helper = HELPERS[name];
    if (!helper) throw new Error(`Unknown condition helper ${name}`);
    needed.add(name);
    helper.deps.forEach(visit);
  };
  for (const name of used) visit(name);
  return Object.keys(HELPERS)
    .filter((name) => needed.has(name))
    .map((name) => DECLARATIONS[name]);
}
