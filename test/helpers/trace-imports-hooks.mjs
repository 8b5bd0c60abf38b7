import fs from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const file = process.env.PCHAT_TRACE_FILE;
  if (file) fs.appendFileSync(file, `${result.url}\n`);
  return result;
}
