// Runs in a worker thread, so that the store's synchronous ports can use the streaming zip libraries
// (zip-bridge.ts waits for it). It only moves bytes between files and a zip container; every rule about
// what an archive may contain is checked by the caller in TypeScript. Plain JavaScript so that the same
// file runs from the sources and from dist/.
//
// Tasks:
//   {kind: 'zip', output, entries: [{name, file}]}
//       writes a new zip (never over an existing file, mode 0600) with one entry per file, in order.
//   {kind: 'unzip', input, stagingDir, limits: {maxEntries, maxEntryBytes, maxTotalBytes, maxRatio}}
//       writes entry i's bytes to stagingDir/<i>; the limits are counted on the bytes actually inflated,
//       never on the sizes the zip claims, and the first one exceeded stops the read.
// Answers {ok: true, ...} or {ok: false, problem}, posted on `port`, then wakes the waiting thread.

import fs from 'node:fs';
import path from 'node:path';
import {Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {workerData} from 'node:worker_threads';
import yazl from 'yazl';
import yauzl from 'yauzl';

const {task, port, signal} = workerData;

/** Zip time stamps are local times; a fixed one makes the same export the same bytes. */
const FIXED_MTIME = new Date(2000, 0, 1);

async function zip({output, entries}) {
  const archive = new yazl.ZipFile();
  const out = fs.createWriteStream(output, {flags: 'wx', mode: 0o600});
  const done = pipeline(archive.outputStream, out);
  for (const entry of entries)
    archive.addReadStream(fs.createReadStream(entry.file), entry.name, {mtime: FIXED_MTIME, mode: 0o100600});
  archive.end();
  await done;
  const fd = fs.openSync(output, 'r');
  try {
    fs.fsyncSync(fd);
    return {ok: true, bytes: fs.fstatSync(fd).size};
  } finally {
    fs.closeSync(fd);
  }
}

class Refusal extends Error {}

const openZip = (input) =>
  new Promise((resolve, reject) =>
    yauzl.open(
      input,
      {lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true},
      (error, zipfile) =>
        error ? reject(new Refusal(`it is not a readable zip file (${error.message})`)) : resolve(zipfile),
    ),
  );

const openEntry = (zipfile, entry) =>
  new Promise((resolve, reject) =>
    zipfile.openReadStream(entry, (error, stream) =>
      error ? reject(new Refusal(`entry ${entry.index} cannot be read (${error.message})`)) : resolve(stream),
    ),
  );

/** Counts inflated bytes as they pass and stops at the first limit, whatever the header claimed. */
function limiter(limits, entry, totals) {
  let bytes = 0;
  const ratioLimit = Math.max(entry.compressedSize, 1) * limits.maxRatio + 64 * 1024;
  return new Transform({
    transform(chunk, _encoding, callback) {
      bytes += chunk.length;
      totals.bytes += chunk.length;
      if (bytes > limits.maxEntryBytes)
        return callback(
          new Refusal(`entry ${entry.index} inflates to more than ${limits.maxEntryBytes} bytes`),
        );
      if (totals.bytes > limits.maxTotalBytes)
        return callback(new Refusal(`the entries inflate to more than ${limits.maxTotalBytes} bytes in all`));
      if (bytes > ratioLimit)
        return callback(
          new Refusal(`entry ${entry.index} inflates more than ${limits.maxRatio} times its compressed size`),
        );
      callback(null, chunk);
    },
  });
}

async function unzip({input, stagingDir, limits}) {
  const zipfile = await openZip(input);
  if (zipfile.entryCount > limits.maxEntries)
    throw new Refusal(`it has ${zipfile.entryCount} entries, more than the limit of ${limits.maxEntries}`);
  const entries = [];
  const totals = {bytes: 0};
  await new Promise((resolve, reject) => {
    const fail = (error) => {
      zipfile.close();
      reject(error);
    };
    zipfile.on('error', (error) => fail(new Refusal(`it is not a readable zip file (${error.message})`)));
    zipfile.on('end', resolve);
    zipfile.on('entry', (entry) => {
      const index = entries.length;
      const file = path.join(stagingDir, String(index));
      entries.push({nameBytes: [...entry.fileName], file, compressedBytes: entry.compressedSize, bytes: 0});
      const isDirectory = entry.fileName.length > 0 && entry.fileName[entry.fileName.length - 1] === 0x2f;
      if (isDirectory) return fail(new Refusal(`entry ${index} is a folder`));
      const counted = {...entry, index};
      openEntry(zipfile, entry)
        .then((stream) =>
          pipeline(
            stream,
            limiter(limits, counted, totals),
            fs.createWriteStream(file, {flags: 'wx', mode: 0o600}),
          ),
        )
        .then(() => {
          entries[index].bytes = fs.statSync(file).size;
          zipfile.readEntry();
        }, fail);
    });
    zipfile.readEntry();
  });
  return {ok: true, entries};
}

let answer;
try {
  answer = task.kind === 'zip' ? await zip(task) : await unzip(task);
} catch (error) {
  answer =
    error instanceof Refusal
      ? {ok: false, problem: error.message}
      : {
          ok: false,
          problem: `it could not be processed (${error instanceof Error ? error.message : String(error)})`,
        };
}
port.postMessage(answer);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
