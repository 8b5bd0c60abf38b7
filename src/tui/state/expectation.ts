// The revision of one object a line was prepared against: a form or a confirmation carries it, and
// the session refuses the line with Conflict when the object moved since.

export interface Expectation {
  readonly kind: 'room' | 'category' | 'addin' | 'policy' | 'configuration' | 'compliance';
  readonly identity: string;
  readonly rev: number;
}
