// A line of the message log as a message: the one format every reader and writer of it checks.

import type {ChatMessage} from '../domain/types.js';
import {toRecord, type JsonLine, type LogFormat} from './jsonl.js';
import {chatMessageSchema, firstIssue} from './state-schema.js';

export const MESSAGE_LOG: LogFormat<ChatMessage> = {what: 'a chat message', schema: chatMessageSchema};

/** A message the log could not read back must never be written into it. */
export function checked(message: ChatMessage): ChatMessage {
  const parsed = chatMessageSchema.safeParse(message);
  if (!parsed.success)
    throw new Error(`A new message is malformed and was not saved (${firstIssue(parsed.error)}).`);
  return message;
}

/** One line of the log: its message id and its text as written (without the newline). */
export interface LogLine {
  readonly id: string;
  readonly text: string;
}

/**
 * The id of a line's message, without parsing the line when it starts the way JSON.stringify writes
 * a message (`{"id":"...`); anything else is parsed.
 */
export function lineId(text: string, file: string, line: JsonLine): string {
  const prefix = '{"id":"';
  if (text.startsWith(prefix)) {
    const end = text.indexOf('"', prefix.length);
    const id = text.slice(prefix.length, end);
    if (end > 0 && !id.includes('\\')) return id;
  }
  return toRecord(line, file, MESSAGE_LOG).id;
}
