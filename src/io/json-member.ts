// Streams the bytes of one array member of a JSON object, so that an export wrapping its records
// (`{"meta": {…}, "data": [{…}, {…}]}`, what many APIs and admin consoles write) is read by the array
// reader (json-array-records.ts) record by record, without holding the file in memory. The member is
// named by a path of keys (`data`, `results.items`); the rest of the object is scanned for its
// structure (strings, escapes, nesting) and dropped. The bytes before the array are replaced by their
// line breaks, so the line numbers the array reader gives in its errors are the file's own.
// A wrapper that is not an object, a member that is missing, not an array, or appears twice, text
// after the closing brace and an input that ends inside the object stop the read (ERR_INPUT_INVALID).
import { CordonError } from '../errors.js';

const [LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, COLON, QUOTE, BACKSLASH, NL] = [0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x3a, 0x22, 0x5c, 0x0a];
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * The keys of a `--records` path: `data`, `results.items` or jq's `.results.items`. A key holding a
 * dot cannot be named this way.
 *
 * @example
 * ```ts
 * parseMemberPath('.results.items'); // ['results', 'items']
 * ```
 */
export function parseMemberPath(path: string): string[] {
  const keys = path.replace(/^\./, '').split('.');
  if (keys.some((k) => k === '')) throw new CordonError('ERR_USAGE', `--records ${JSON.stringify(path)}: a member path is key names joined by dots (data, results.items)`);
  return keys;
}

/**
 * Yields the bytes of the array at `path` inside the JSON object read from `input`: from its `[` to
 * its `]`, preceded by one line break per line before it.
 *
 * @example
 * ```ts
 * for await (const r of readJsonArrayRecords(Readable.from(memberArrayBytes(file, ['data'])))) …
 * ```
 */
export async function* memberArrayBytes(input: AsyncIterable<Buffer | string>, path: readonly string[]): AsyncGenerator<Buffer> {
  const name = path.join('.');
  const fail = (message: string, line: number): CordonError => new CordonError('ERR_INPUT_INVALID', message, { details: { line, member: name } });
  const wanted = path.map((k) => Buffer.from(k, 'utf8'));
  const longest = Math.max(...wanted.map((k) => k.length));

  const stack: number[] = []; // the open brackets, LBRACE or LBRACKET
  let line = 1;
  let inString = false;
  let escaped = false;
  let matched = 0; // keys of the path entered so far: the object being searched is stack[matched]
  let keyNext = false; // the searched object's next string is a key
  let key: number[] | undefined; // the bytes of the key being read at the searched level
  let keyIsWanted = false; // the last key read at the searched level is path[matched]
  let valueNext = false; // a ':' at the searched level was read; the next byte opens the value
  let arrayDepth = 0; // while emitting: the stack depth inside the array; 0 when not emitting
  let found = false;
  let closed = false; // the wrapper object is closed

  for await (const chunk of input) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = arrayDepth > 0 ? 0 : -1;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (key !== undefined) {
            const w = wanted[matched]!;
            keyIsWanted = key.length === w.length && key.every((c, j) => c === w[j]);
            key = undefined;
          }
        } else if (key !== undefined && key.length <= longest) key.push(b);
        if (b === NL) line++;
        continue;
      }
      if (b === NL) line++;
      if (isSpace(b)) continue;
      if (closed) throw fail(`line ${line}: text after the object's closing }`, line);
      if (stack.length === 0) {
        if (b !== LBRACE) throw fail(b === LBRACKET ? 'the file is an array of records already: leave out --records' : `--records ${name} reads a JSON object that wraps its records ({"${path[0]}": [...]}); this file does not start with {`, line);
        stack.push(b);
        keyNext = true;
        continue;
      }
      const searching = arrayDepth === 0 && !found && stack.length === matched + 1;
      if (searching && valueNext) {
        valueNext = false;
        if (keyIsWanted) {
          keyIsWanted = false;
          if (matched + 1 < path.length) {
            if (b !== LBRACE) throw fail(`line ${line}: member ${path.slice(0, matched + 1).join('.')} is not an object`, line);
            stack.push(b);
            matched++;
            keyNext = true;
            continue;
          }
          if (b !== LBRACKET) throw fail(`line ${line}: member ${name} is not an array of records`, line);
          stack.push(b);
          arrayDepth = stack.length;
          found = true;
          yield Buffer.concat([Buffer.alloc(line - 1, NL), buf.subarray(i, i + 1)]);
          from = i + 1;
          continue;
        }
      }
      switch (b) {
        case QUOTE:
          inString = true;
          if (searching && keyNext) {
            key = [];
            keyNext = false;
          } else if (!searching && arrayDepth === 0 && found && stack.length === matched + 1 && keyNext) {
            key = []; // a later key at the level the member was found: it must not repeat
            keyNext = false;
          }
          break;
        case COLON:
          if (stack.length === matched + 1 && arrayDepth === 0) {
            if (found && keyIsWanted) throw fail(`line ${line}: member ${name} appears twice`, line);
            valueNext = true;
          }
          break;
        case COMMA:
          if (stack.length === matched + 1 && arrayDepth === 0 && stack[stack.length - 1] === LBRACE) keyNext = true;
          break;
        case LBRACE:
        case LBRACKET:
          stack.push(b);
          break;
        case RBRACE:
        case RBRACKET: {
          const open = stack.pop();
          if (open !== (b === RBRACE ? LBRACE : LBRACKET)) throw fail(`line ${line}: a ${String.fromCharCode(b)} that closes nothing open`, line);
          if (arrayDepth > 0 && stack.length < arrayDepth) {
            yield buf.subarray(from, i + 1);
            arrayDepth = 0;
            from = -1;
          }
          if (stack.length === 0) closed = true;
          break;
        }
        default:
          break; // numbers, true, false, null
      }
    }
    if (arrayDepth > 0 && from < buf.length) yield buf.subarray(from);
  }
  if (stack.length > 0 || inString) throw fail(`the input ends inside the object${found ? '' : ` before its member ${name}`}`, line);
  if (!closed) throw new CordonError('ERR_INPUT_INVALID', 'empty input: no records');
  if (!found) throw fail(`the object has no member ${name} holding an array of records`, line);
}
