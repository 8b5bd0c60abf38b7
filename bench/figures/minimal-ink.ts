// The baseline of P2-P4: the smallest Ink app worth the name, a Box with a Text that counts the keys
// it was given, drawn until it is stopped.

import {Box, render, Text, useInput} from 'ink';
import {createElement, useState} from 'react';

function Minimal() {
  const [keys, setKeys] = useState(0);
  useInput(() => setKeys((n) => n + 1));
  return createElement(
    Box,
    {borderStyle: 'single'},
    createElement(Text, null, `A minimal Ink app, ${keys} keys`),
  );
}

render(createElement(Minimal));
