// Copy by OSC 52, which works over SSH where no clipboard tool exists; inside tmux the sequence is
// wrapped for passthrough. The text is also shown on the message line for terminals that refuse.

export function osc52(text: string, env: Readonly<Record<string, string | undefined>>): string {
  const payload = Buffer.from(text, 'utf8').toString('base64');
  const sequence = `\x1b]52;c;${payload}\x07`;
  if (!env['TMUX']) return sequence;
  // tmux passthrough: DCS tmux; <sequence with every ESC doubled> ST
  return `\x1bPtmux;${sequence.split('\x1b').join('\x1b\x1b')}\x1b\\`;
}
