// JSON.parse keeps the last of two equal keys in one object without a word, so a deployment file
// could say one thing to its reader and another to pchat. This finds the first key given twice, by
// its path, in text that is already known to be valid JSON.

type Frame =
  | {readonly kind: 'object'; readonly keys: Set<string>; key: string | null; expectingKey: boolean}
  | {readonly kind: 'array'; index: number};

export interface DuplicateKey {
  /** From the top: the keys and list indexes down to the repeated key. */
  readonly path: readonly (string | number)[];
  /** Index in the text of the key's second appearance. */
  readonly index: number;
}

export function firstDuplicateKey(json: string): DuplicateKey | null {
  const stack: Frame[] = [];
  for (let i = 0; i < json.length; i += 1) {
    const c = json[i];
    const top = stack.at(-1);
    if (c === '"') {
      const end = stringEnd(json, i);
      if (top?.kind === 'object' && top.expectingKey) {
        // Compared as JSON reads them: "a" and "\u0061" are the same key.
        const key = JSON.parse(json.slice(i, end)) as string;
        if (top.keys.has(key)) return {path: [...pathOf(stack.slice(0, -1)), key], index: i};
        top.keys.add(key);
        top.key = key;
        top.expectingKey = false;
      }
      i = end - 1;
    } else if (c === '{') stack.push({kind: 'object', keys: new Set(), key: null, expectingKey: true});
    else if (c === '[') stack.push({kind: 'array', index: 0});
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top?.kind === 'object') top.expectingKey = true;
    else if (c === ',' && top?.kind === 'array') top.index += 1;
  }
  return null;
}

const pathOf = (frames: readonly Frame[]): (string | number)[] =>
  frames.map((f) => (f.kind === 'object' ? (f.key ?? '') : f.index));

/** The index just after the string that opens at `start`. */
function stringEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i += 1) {
    if (json[i] === '\\') i += 1;
    else if (json[i] === '"') return i + 1;
  }
  return json.length;
}
