// A JSON path as the deployment's and the input files' messages print it, apart from the deployment's
// schema: reading a script file (pchat exec -f) need not build that schema.

/** `persistentChatPools[0].servers[2].fqdn`: where a problem is, for the messages. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`,
    '',
  ) || '(top level)';
