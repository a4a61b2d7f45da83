// go-yaml v3's typing of plain (unquoted) scalars when decoding into interface{}:
// null, bool, timestamp, int (uint64 beyond int64), float64, else string. Checked by
// SEMANTICS §6 and the oracle (YAML 1.1 octal `017`, `09` as float, `yes` as string).
import { parseYamlTimestamp } from './gotime.js';
import { parseFloat64, parseInt64, parseUint } from './strconv-parse.js';
import { GoFloat, GoInt, type GoValue } from './values.js';

const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export function resolvePlain(s: string): GoValue {
  switch (s) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return new GoFloat(NaN);
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return new GoFloat(Infinity);
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return new GoFloat(-Infinity);
  }
  const c = s[0]!;
  if (c === '.') {
    try {
      return new GoFloat(parseFloat64(s));
    } catch {
      return s;
    }
  }
  if ((c < '0' || c > '9') && c !== '+' && c !== '-') return s;
  const t = parseYamlTimestamp(s);
  if (t) return t;
  const plain = s.replace(/_/g, '');
  try {
    return new GoInt(parseInt64(plain), 'int');
  } catch {
    // not an int64
  }
  try {
    return new GoInt(parseUint(plain), 'uint64');
  } catch {
    // not a uint64
  }
  if (FLOAT_RE.test(plain)) {
    try {
      return new GoFloat(parseFloat64(plain));
    } catch {
      // out of range: stays a string
    }
  }
  return s;
}
