// Lets the boundary lint follow the project's imports: sources import './x.js' where the file on disk
// is './x.ts' or './x.tsx' (NodeNext resolution). Packages stay unresolved, which the boundaries plugin
// counts as external; Node's own modules are core. An import that resolves to nothing fails the lint.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const {isBuiltin} = require('node:module');

const isFile = (file) => fs.statSync(file, {throwIfNoEntry: false})?.isFile() === true;

exports.interfaceVersion = 2;

exports.resolve = (source, importer) => {
  if (isBuiltin(source)) return {found: true, path: null};
  if (!source.startsWith('.')) return {found: false};
  const target = path.resolve(path.dirname(importer), source);
  const candidates = /\.jsx?$/.test(target)
    ? [target.replace(/\.jsx?$/, '.ts'), target.replace(/\.jsx?$/, '.tsx'), target]
    : [target];
  const found = candidates.find(isFile);
  return found ? {found: true, path: found} : {found: false};
};
