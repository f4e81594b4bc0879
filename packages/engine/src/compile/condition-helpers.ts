// JSONata functions that reproduce the JavaScript semantics json-logic-js relies on (truthiness,
// ToNumber, ToPrimitive, loose equality, relational comparison, property access). A compiled
// condition declares only the helpers it uses, at the start of one JSONata block.
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
  // JavaScript truthiness, except that json-logic counts an empty array as false.
  _truthy: {
    deps: [],
    source: `function($v){( $t := $type($v);
      $t = 'boolean' ? $v : $t = 'number' ? $v != 0 : $t = 'string' ? $v != '' :
      $t = 'array' ? $count($v) > 0 : $t = 'object' )}`,
  },
  // Array.prototype.toString: elements joined by ',', null becomes ''.
  _arrstr: {
    deps: ['_str'],
    source: `function($a){ $count($a) = 0 ? '' : $join($map($a, function($e){
      $type($e) = 'null' ? '' : $_str($e) }), ',') }`,
  },
  // String(v) for a JSON value.
  _str: {
    deps: ['_arrstr'],
    source: `function($v){( $t := $type($v);
      $t = 'string' ? $v : $t = 'array' ? $_arrstr($v) : $t = 'object' ? '[object Object]' : $string($v) )}`,
  },
  // ToPrimitive: arrays and objects become strings, everything else stays.
  _prim: {
    deps: ['_arrstr'],
    source: `function($v){( $t := $type($v);
      $t = 'array' ? $_arrstr($v) : $t = 'object' ? '[object Object]' : $v )}`,
  },
  // StringToNumber of a decimal literal that matched the grammar (sign, digits, '.', exponent).
  _decnum: {
    deps: [],
    // The value is 0.<significant digits> × 10^(magnitude + 1), which parseFloat reads exactly.
    source: `function($t){(
      $neg := $substring($t, 0, 1) = '-';
      $parts := $split($replace($t, /^[+-]/, ''), /[eE]/);
      $m := $parts[0];
      $e := $parts[1] ? $number($replace($parts[1], '+', '')) : 0;
      $digits := $replace($m, '.', '');
      $sig := $replace($digits, /^0+/, '');
      $mag := $length($replace($m, /[.].*$/, '')) + $e - $length($digits) + $length($sig) - 1;
      $sig = '' or $mag < -400 ? 0 :
      $mag > 308 or ($mag = 308 and $substring($sig & '00000000000000000', 0, 17) >= '17976931348623158')
        ? ($neg ? '-Infinity' : 'Infinity')
        : $number(($neg ? '-' : '') & '0.' & $sig & 'e' & $string($mag + 1))
    )}`,
  },
  // StringToNumber: trims white space; '' is 0; decimal, 0x/0o/0b and Infinity literals.
  _strnum: {
    deps: ['_decnum'],
    source: `function($s){( $t := $replace($s, /^\\s+|\\s+$/, '');
      $t = '' ? 0 :
      $contains($t, /^[+-]?Infinity$/) ? ($substring($t, 0, 1) = '-' ? '-Infinity' : 'Infinity') :
      $contains($t, /^0[xX][0-9a-fA-F]+$|^0[oO][0-7]+$|^0[bB][01]+$/) ? $number($t) :
      $contains($t, /^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$/) ? $_decnum($t) )}`,
  },
  // ToNumber of a JSON value (undefined stands for NaN).
  _num: {
    deps: ['_strnum', '_arrstr'],
    source: `function($v){( $t := $type($v);
      $t = 'number' ? $v : $t = 'boolean' ? ($v ? 1 : 0) : $t = 'null' ? 0 :
      $t = 'string' ? $_strnum($v) : $t = 'array' ? $_strnum($_arrstr($v)) )}`,
  },
  // Compares two ToNumber results: -1, 0, 1, or undefined when either is NaN.
  _ncmp: {
    deps: [],
    source: `function($x, $y){ $exists($x) and $exists($y) ? (
      $rx := $x = 'Infinity' ? 1 : $x = '-Infinity' ? -1 : 0;
      $ry := $y = 'Infinity' ? 1 : $y = '-Infinity' ? -1 : 0;
      $rx != $ry ? ($rx < $ry ? -1 : 1) : $rx != 0 ? 0 : $x < $y ? -1 : $x > $y ? 1 : 0 ) }`,
  },
  // The abstract relational comparison behind < <= > >=: strings compare by code units,
  // anything else as numbers.
  _cmp: {
    deps: ['_prim', '_num', '_ncmp'],
    source: `function($a, $b){( $pa := $_prim($a); $pb := $_prim($b);
      $type($pa) = 'string' and $type($pb) = 'string' ? ($pa < $pb ? -1 : $pa > $pb ? 1 : 0) :
      $_ncmp($_num($pa), $_num($pb)) )}`,
  },
  // JavaScript ===, objects and arrays by identity (their refs).
  _seq: {
    deps: [],
    source: `function($a, $b, $ra, $rb){ $type($a) = $type($b) and
      ($type($a) in ['array', 'object'] ? $ra = $rb : $a = $b) }`,
  },
  // JavaScript == (IsLooselyEqual) between JSON values.
  _leq: {
    deps: ['_strnum', '_prim'],
    source: `function($a, $b, $ra, $rb){( $ta := $type($a); $tb := $type($b);
      $ta in ['array', 'object'] and $tb in ['array', 'object'] ? $ra = $rb :
      $ta = $tb ? $a = $b :
      $ta = 'null' or $tb = 'null' ? false :
      $ta = 'boolean' ? $_leq($a ? 1 : 0, $b, '', $rb) :
      $tb = 'boolean' ? $_leq($a, $b ? 1 : 0, $ra, '') :
      $ta = 'number' and $tb = 'string' ? $a = $_strnum($b) :
      $ta = 'string' and $tb = 'number' ? $_strnum($a) = $b :
      $ta in ['array', 'object'] ? $_leq($_prim($a), $b, '', $rb) :
      $tb in ['array', 'object'] ? $_leq($a, $_prim($b), $ra, '') : false )}`,
  },
  // The ref of element i of an array whose ref is r.
  _eref: {
    deps: [],
    source: `function($r, $i){ $type($r) = 'object' ? $r.items[$i] : $r & '.' & $i }`,
  },
  // json-logic "in": substring of a string, or strict membership in an array.
  _in: {
    deps: ['_str', '_seq', '_eref'],
    source: `function($a, $b, $ra, $rb){( $tb := $type($b);
      $tb = 'string' ? ($b != '' and $contains($b, $_str($a))) :
      $tb = 'array' ? true in $map($b, function($e, $i){ $_seq($e, $a, $_eref($rb, $i), $ra) }) : false )}`,
  },
  // Property access the JavaScript way (data[key]); undefined when absent.
  _at: {
    deps: [],
    source: `function($v, $k){( $t := $type($v);
      $t = 'object' ? $lookup($v, $k) :
      $t = 'array' ? ($k = 'length' ? $count($v) :
        $contains($k, /^(0|[1-9][0-9]*)$/) and $number($k) < $count($v) ? $v[$number($k)]) :
      $t = 'string' ? ($k = 'length' ? $count($match($v, /[\\s\\S]/)) :
        $contains($k, /^(0|[1-9][0-9]*)$/) ? $match($v, /[\\s\\S]/)[$number($k)].match) )}`,
  },
  // data[key] for a key that is not `length` nor an index: only an object has it.
  _get: {
    deps: [],
    source: `function($v, $k){ $type($v) = 'object' ? $lookup($v, $k) }`,
  },
  // [x] for any x (JSONata's array constructor would splice an array x into its parent).
  _wrap: {
    deps: [],
    source: `function($x){ $type($x) = 'array' ? [[$x]] : [$x] }`,
  },
  // Editor operations (see editor-operations.ts for their JavaScript definitions).
  _starts: {
    deps: [],
    source: `function($a, $b){ $type($a) = 'string' and $type($b) = 'string' and
      $substring($a, 0, $length($b)) = $b }`,
  },
  _ends: {
    deps: [],
    source: `function($a, $b){ $type($a) = 'string' and $type($b) = 'string' and
      $length($b) <= $length($a) and $substring($a, $length($a) - $length($b)) = $b }`,
  },
  _empty: {
    deps: [],
    source: `function($v){( $t := $type($v);
      $t = 'null' or ($t = 'string' and $v = '') or ($t = 'array' and $count($v) = 0) or
      ($t = 'object' and $count($keys($v)) = 0) )}`,
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
