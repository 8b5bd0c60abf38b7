import {isAscii} from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import {describe, expect, it} from 'vitest';
import {
  cacheFileName,
  codeCacheDir,
  KEPT_CACHES,
  privateDir,
  pruneCaches,
  readCache,
  scriptFor,
  scriptText,
  writeCache,
} from '../../src/cli/code-cache.js';
import {consoleOutput, hasScript} from '../helpers/console-output.js';
import {distDir, pchat, tempDir} from '../helpers/pchat-process.js';
import {asOtherOperator, giveToOtherOperator, otherOperatorUnavailable} from '../helpers/other-operator.js';

const GET = 'Get-CsPersistentChatState';
const isRoot = process.getuid?.() === 0;

/** A store and an empty cache home; `get` runs one Get on the store with that cache home. */
function fixture(env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir();
  const store = path.join(dir, 's');
  expect(pchat(['init', '--store', store]).status).toBe(0);
  const home = path.join(dir, 'cache-home');
  const cacheDir = path.join(home, 'pchat');
  const get = (options: {as?: readonly string[]} = {}) =>
    pchat(['exec', '--store', store, GET], {env: {XDG_CACHE_HOME: home, ...env}, ...options});
  const files = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);
  const cacheFile = (): string =>
    path.join(
      cacheDir,
      cacheFileName(fs.readFileSync(path.join(distDir, 'exec', 'main.cjs'), 'utf8'), 'exec'),
    );
  return {dir, store, home, cacheDir, get, files, cacheFile};
}

/** The run printed the state and nothing else. */
function expectQuietGet(run: ReturnType<typeof pchat>): void {
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('PoolState');
  expect(run.stderr).toBe('');
}

describe('where the code cache lives', () => {
  it('is $XDG_CACHE_HOME/pchat, or ~/.cache/pchat when XDG_CACHE_HOME is unset or relative', () => {
    expect(codeCacheDir({XDG_CACHE_HOME: '/x/cache'}, '/home/op')).toBe('/x/cache/pchat');
    expect(codeCacheDir({}, '/home/op')).toBe('/home/op/.cache/pchat');
    expect(codeCacheDir({XDG_CACHE_HOME: 'rel'}, '/home/op')).toBe('/home/op/.cache/pchat');
  });

  it('is off with PCHAT_CODE_CACHE=0', () => {
    expect(codeCacheDir({PCHAT_CODE_CACHE: '0', XDG_CACHE_HOME: '/x'}, '/home/op')).toBeNull();
  });

  it("is keyed by the script's content and Node's version and architecture", () => {
    const name = cacheFileName('a script', 'exec');
    expect(name).toContain(process.version);
    expect(name).toContain(process.arch);
    expect(cacheFileName('a script', 'exec')).toBe(name);
    expect(cacheFileName('a script ', 'exec')).not.toBe(name);
    expect(cacheFileName('b script', 'exec')).not.toBe(name);
  });

  it('is kept apart for each kind of run of the same script', () => {
    expect(cacheFileName('a script', 'console')).not.toBe(cacheFileName('a script', 'commands'));
  });

  it('is made with mode 0700', () => {
    const dir = path.join(tempDir(), 'a', 'pchat');
    expect(privateDir(dir)).toBe(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('is refused when group- or world-writable, a symlink, or owned by another user', () => {
    const base = tempDir();
    const mode = (name: string, bits: number): string => {
      const dir = path.join(base, name);
      fs.mkdirSync(dir);
      fs.chmodSync(dir, bits);
      return dir;
    };
    expect(privateDir(mode('private', 0o700))).not.toBeNull();
    expect(privateDir(mode('readable', 0o755))).not.toBeNull();
    expect(privateDir(mode('group', 0o770))).toBeNull();
    expect(privateDir(mode('world', 0o707))).toBeNull();
    fs.symlinkSync(path.join(base, 'private'), path.join(base, 'link'));
    expect(privateDir(path.join(base, 'link'))).toBeNull();
    if (isRoot) {
      const theirs = mode('theirs', 0o700);
      fs.chownSync(theirs, 65534, 65534);
      expect(privateDir(theirs)).toBeNull();
    }
  });
});

describe('the script a command line runs as', () => {
  it.each([
    [['exec', GET], {}, {script: 'exec', cache: 'exec'}],
    [['exec', GET], {DEV: 'true'}, {script: 'exec', cache: 'exec'}],
    [[], {}, {script: 'console', cache: 'console'}],
    [['--store', 'd', '--view', 'rooms', '--read-only'], {}, {script: 'console', cache: 'console'}],
    [['init', '--store', 'd'], {}, {script: 'console', cache: 'commands'}],
    [['--store', 'd', 'drill', 'failover'], {}, {script: 'console', cache: 'commands'}],
    [['store', 'copy', 'a', 'b'], {}, {script: 'console', cache: 'commands'}],
    [['--help'], {}, {script: 'console', cache: 'commands'}],
    [['-V'], {}, {script: 'console', cache: 'commands'}],
    [[], {DEV: 'true'}, null],
  ])('%j with %j runs as %j', (args, env, expected) => {
    expect(scriptFor(args, env)).toEqual(expected);
  });

  it('knows every command the program has, so none of them writes the console cache', () => {
    const help = pchat(['--help']);
    expect(help.status).toBe(0);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] ?? '');
    expect(commands).toContain('init');
    for (const command of commands.filter((c) => c !== 'exec'))
      expect(scriptFor([command], {})).toEqual({script: 'console', cache: 'commands'});
  });
});

describe("a script's text", () => {
  it('is its bytes as ASCII, or decoded as UTF-8 when they are not ASCII', () => {
    expect(scriptText(Buffer.from('const a = "\\u00e9";\n'))).toBe('const a = "\\u00e9";\n');
    expect(scriptText(Buffer.from('const a = "é €";\n'))).toBe('const a = "é €";\n');
  });

  it('is ASCII for both scripts the build writes, so neither is decoded as UTF-8', () => {
    for (const script of ['exec', 'console']) {
      const bytes = fs.readFileSync(path.join(distDir, script, 'main.cjs'));
      expect(isAscii(bytes)).toBe(true);
      expect(scriptText(bytes)).toBe(bytes.toString('utf8'));
    }
  });

  it('names the same cache read as bytes or as text', () => {
    const text = 'const a = "é";';
    expect(cacheFileName(Buffer.from(text), 'exec')).toBe(cacheFileName(text, 'exec'));
  });
});

describe('the cache file', () => {
  it('is read back whole, and a damaged or truncated one is not read at all', () => {
    const file = path.join(tempDir(), 'c.v8');
    const data = Buffer.from('cached code'.repeat(100));
    writeCache(file, data);
    expect(readCache(file)).toEqual(data);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 1));
    expect(readCache(file)).toBeUndefined();
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 1, bytes.length - 10);
    fs.writeFileSync(file, bytes);
    expect(readCache(file)).toBeUndefined();
    expect(readCache(path.join(path.dirname(file), 'none.v8'))).toBeUndefined();
  });

  it('is written through a temporary file renamed into place, and a failed write leaves nothing', () => {
    const dir = tempDir();
    writeCache(path.join(dir, 'missing', 'c.v8'), Buffer.from('x'));
    expect(fs.readdirSync(dir)).toEqual([]);
    writeCache(path.join(dir, 'c.v8'), Buffer.from('x'));
    expect(fs.readdirSync(dir)).toEqual(['c.v8']);
    expect(fs.statSync(path.join(dir, 'c.v8')).mode & 0o777).toBe(0o600);
  });
});

/** A cache file of `kind` named for a made-up script `n`, last written `ageMs` ago. */
function oldCache(dir: string, kind: string, n: number, ageMs: number): string {
  const name = cacheFileName(`script ${n}`, kind);
  fs.writeFileSync(path.join(dir, name), 'old');
  const at = (Date.now() - ageMs) / 1000;
  fs.utimesSync(path.join(dir, name), at, at);
  return name;
}

describe('the caches of earlier builds', () => {
  it('are pruned to the newest few of the kind written, leaving other kinds and other files', () => {
    const dir = tempDir();
    const execs = [1, 2, 3, 4, 5, 6].map((n) => oldCache(dir, 'exec', n, n * 60_000));
    const consoleCache = oldCache(dir, 'console', 7, 3_600_000);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    pruneCaches(dir, 'exec');
    expect(fs.readdirSync(dir).sort()).toEqual(
      [...execs.slice(0, KEPT_CACHES), consoleCache, 'notes.txt'].sort(),
    );
  });

  it('are pruned when a run writes its cache', () => {
    const f = fixture();
    fs.mkdirSync(f.cacheDir, {recursive: true, mode: 0o700});
    const execs = [1, 2, 3, 4, 5].map((n) => oldCache(f.cacheDir, 'exec', n, n * 60_000));
    const consoleCache = oldCache(f.cacheDir, 'console', 6, 3_600_000);
    expectQuietGet(f.get());
    expect(f.files().sort()).toEqual(
      [path.basename(f.cacheFile()), ...execs.slice(0, KEPT_CACHES - 1), consoleCache].sort(),
    );
  });
});

describe('pchat exec with the code cache', () => {
  it('writes the cache on the first run and uses it unchanged on the next', () => {
    const f = fixture();
    const first = f.get();
    expectQuietGet(first);
    expect(f.files()).toEqual([path.basename(f.cacheFile())]);
    expect(fs.statSync(f.cacheDir).mode & 0o777).toBe(0o700);
    const written = fs.statSync(f.cacheFile());
    const second = f.get();
    expectQuietGet(second);
    expect(second.stdout).toBe(first.stdout);
    // V8 accepted the cache: it was not written again.
    const after = fs.statSync(f.cacheFile());
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
  });

  it('neither reads nor writes a cache with PCHAT_CODE_CACHE=0', () => {
    const f = fixture({PCHAT_CODE_CACHE: '0'});
    expectQuietGet(f.get());
    expect(fs.existsSync(f.home)).toBe(false);
  });

  it('replaces a damaged, truncated or rejected cache silently', () => {
    const f = fixture();
    expectQuietGet(f.get());
    const good = fs.readFileSync(f.cacheFile());
    const damaged = Buffer.from(good);
    damaged.writeUInt8(damaged.readUInt8(damaged.length >> 1) ^ 0xff, damaged.length >> 1);
    // A cache of another script, whole and well formed: V8 itself rejects it.
    const other = new vm.Script('1 + 1');
    other.runInThisContext();
    const writeOther = () => writeCache(f.cacheFile(), other.createCachedData());
    const bads = [
      () => fs.writeFileSync(f.cacheFile(), damaged),
      () => fs.writeFileSync(f.cacheFile(), good.subarray(0, good.length >> 1)),
      writeOther,
    ];
    for (const spoil of bads) {
      spoil();
      const spoilt = fs.statSync(f.cacheFile());
      expectQuietGet(f.get());
      // Replaced by a cache V8 accepts: the run after leaves it as it is.
      const replaced = fs.statSync(f.cacheFile());
      expect(replaced.ino).not.toBe(spoilt.ino);
      expect(readCache(f.cacheFile())).toBeDefined();
      expectQuietGet(f.get());
      expect(fs.statSync(f.cacheFile()).mtimeMs).toBe(replaced.mtimeMs);
    }
    expect(f.files()).toEqual([path.basename(f.cacheFile())]);
  });

  it('uses no cache in a directory others may write, or that is a symlink, and says nothing', () => {
    const f = fixture();
    fs.mkdirSync(f.cacheDir, {recursive: true, mode: 0o777});
    fs.chmodSync(f.cacheDir, 0o777);
    expectQuietGet(f.get());
    expect(f.files()).toEqual([]);
    const target = path.join(f.dir, 'elsewhere');
    fs.mkdirSync(target, {mode: 0o700});
    fs.rmdirSync(f.cacheDir);
    fs.symlinkSync(target, f.cacheDir);
    expectQuietGet(f.get());
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it.skipIf(otherOperatorUnavailable !== null)(
    'runs and says nothing when the cache directory cannot be written',
    () => {
      const f = fixture();
      fs.mkdirSync(f.cacheDir, {recursive: true});
      giveToOtherOperator(f.dir);
      fs.chmodSync(f.cacheDir, 0o500);
      expectQuietGet(f.get({as: asOtherOperator}));
      expect(f.files()).toEqual([]);
    },
  );
});

describe('the console script', () => {
  const consoleCache = (home: string, cache: string): string =>
    path.join(
      home,
      'pchat',
      cacheFileName(fs.readFileSync(path.join(distDir, 'console', 'main.cjs'), 'utf8'), cache),
    );

  it('runs the other commands with a cache of their own, which V8 then accepts', () => {
    const home = path.join(tempDir(), 'cache-home');
    const version = () => pchat(['--version'], {env: {XDG_CACHE_HOME: home}});
    expect(version().stdout).toContain('.');
    const written = fs.statSync(consoleCache(home, 'commands'));
    expect(fs.readdirSync(path.join(home, 'pchat'))).toEqual([path.basename(consoleCache(home, 'commands'))]);
    expect(version().status).toBe(0);
    expect(fs.statSync(consoleCache(home, 'commands')).mtimeMs).toBe(written.mtimeMs);
  });

  it.skipIf(!hasScript)(
    'starts the console, which writes a cache of its own on its first start and starts from it on the next',
    async () => {
      const store = path.join(tempDir(), 's');
      expect(pchat(['init', '--store', store]).status).toBe(0);
      const home = path.join(tempDir(), 'cache-home');
      const start = () =>
        consoleOutput(store, {TERM: 'xterm-256color', LANG: 'C.UTF-8', XDG_CACHE_HOME: home});
      const first = await start();
      expect(first.output).toContain('Pools (');
      expect(first.status).toBe(0);
      expect(fs.readdirSync(path.join(home, 'pchat'))).toEqual([
        path.basename(consoleCache(home, 'console')),
      ]);
      const written = fs.statSync(consoleCache(home, 'console'));
      const second = await start();
      expect(second.output).toContain('Pools (');
      expect(second.status).toBe(0);
      // V8 accepted the cache: it was not written again.
      const after = fs.statSync(consoleCache(home, 'console'));
      expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    },
  );

  it('is not used with DEV=true, whose devtools Ink loads with a top-level await', () => {
    const home = path.join(tempDir(), 'cache-home');
    const run = pchat(['--version'], {env: {XDG_CACHE_HOME: home, DEV: 'true'}});
    expect(run.status).toBe(0);
    expect(fs.existsSync(home)).toBe(false);
  });
});
