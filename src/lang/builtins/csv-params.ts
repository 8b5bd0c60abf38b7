// The parameters ConvertTo-Csv and Export-Csv share.

import type {Args, ParamSpec} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {QUOTE_MODES, type CsvOptions, type QuoteMode} from './csv-lines.js';

export const csvParams: Readonly<Record<string, ParamSpec>> = {
  Delimiter: {type: 'string', help: 'The character between fields (a comma by default).'},
  UseQuotes: {
    type: 'enum',
    values: QUOTE_MODES,
    help: 'Always (the default) puts every field in double quotes; AsNeeded only fields that need them; Never none.',
  },
  NoTypeInformation: {type: 'switch', help: 'Accepted for compatibility: no #TYPE line is ever written.'},
  NoHeader: {type: 'switch', help: 'Leaves out the header line.'},
};

export function csvOptions(args: Args): CsvOptions {
  const delimiter = (args['Delimiter'] as string | undefined) ?? ',';
  if ([...delimiter].length !== 1 || /["\r\n]/.test(delimiter))
    throw new CmdletError(
      'InvalidValue',
      `-Delimiter takes one character other than a quote or a new line.`,
      {
        parameter: 'Delimiter',
      },
    );
  return {delimiter, quote: ((args['UseQuotes'] as string | undefined) ?? 'Always') as QuoteMode};
}
